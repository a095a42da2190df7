/**
 * The files of the checked folder, behind a small interface so tests can load
 * an in-memory tree. Paths are relative to the root and use `/`.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface SourceTree {
  /** Every regular file below the root (bounded depth, no VCS or dependency folders). */
  list(): string[];
  /** The file's bytes, or undefined when it does not exist or is not a file. */
  read(path: string): Buffer | undefined;
  isDirectory(path: string): boolean;
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', 'data', 'postgres-data', '.terraform']);
const MAX_DEPTH = 4;
const MAX_FILES = 2000;
/** Configuration files are small; anything larger is not one of them. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * At most `limit` bytes of a regular file, never through a link that leads
 * out of `root` (a stack file linked to /etc/shadow is not the stack's), and
 * never more than the limit read into memory.
 */
function readBounded(root: string, full: string, limit: number): Buffer | undefined {
  const real = realpathSync(full);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(`${realRoot}${sep}`)) return undefined;
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(limit);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, limit - length, null);
      if (n === 0) break;
      length += n;
      if (length === limit) break;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

export function fsTree(root: string): SourceTree {
  let listed: string[] | undefined;
  const walk = (dir: string, depth: number, out: string[]) => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= MAX_FILES) return;
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(entry.name)) walk(path, depth + 1, out);
      } else if (entry.isFile()) {
        out.push(path);
      }
    }
  };
  return {
    list() {
      if (!listed) walk('', 0, (listed = []));
      return listed;
    },
    read(path) {
      try {
        // One byte over the limit is enough to know a file is too large.
        return readBounded(root, join(root, path), MAX_FILE_BYTES + 1);
      } catch {
        return undefined;
      }
    },
    isDirectory(path) {
      try {
        return statSync(join(root, path)).isDirectory();
      } catch {
        return false;
      }
    },
  };
}

/** An in-memory tree for tests: `{ 'docker-compose.yml': '...' }`. */
export function memoryTree(files: Record<string, string | Buffer>): SourceTree {
  const paths = Object.keys(files).sort();
  return {
    list: () => paths,
    read: (path) => {
      const content = files[path];
      if (content === undefined) return undefined;
      return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    },
    isDirectory: (path) => paths.some((p) => p.startsWith(`${path.replace(/\/$/, '')}/`)),
  };
}

export type TextResult = { text: string } | { problem: 'missing' | 'binary' | 'too-large' };

/** Reads a file as UTF-8 text, refusing binary junk and oversized files. */
export function readText(tree: SourceTree, path: string): TextResult {
  const bytes = tree.read(path);
  if (!bytes) return { problem: 'missing' };
  if (bytes.length > MAX_FILE_BYTES) return { problem: 'too-large' };
  if (bytes.includes(0)) return { problem: 'binary' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, '') };
  } catch {
    return { problem: 'binary' };
  }
}

/** Normalizes `./a/../b/c` relative to a folder of the tree; undefined when it leaves the tree. */
export function resolveInTree(fromDir: string, path: string): string | undefined {
  if (path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:[\\/]/.test(path)) return undefined;
  const parts = fromDir ? fromDir.split('/') : [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

export function dirOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}
