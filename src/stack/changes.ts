/**
 * What a render would do to a stack on disk, file by file. A file whose
 * content no longer matches the manifest was edited by hand: it is a
 * conflict, overwritten only with --force.
 */
import type { FileMap } from '../render/index.js';
import type { ExistingStack } from './existing.js';
import { sha256 } from './manifest.js';

export type Action = 'create' | 'update' | 'unchanged' | 'conflict' | 'overwrite' | 'remove' | 'keep';

export interface FileChange {
  path: string;
  action: Action;
  before?: string;
  after?: string;
  mode?: number;
  /** Holds secrets: never shown in a diff. */
  secret: boolean;
}

export function planChanges(
  files: FileMap,
  existing: ExistingStack | undefined,
  options: {
    force: boolean;
    secretPaths: Set<string>;
    /** The spec file the stack is re-rendered from: the user's to edit, rewritten only when flags changed the spec. */
    source?: { path: string; rewrite: boolean };
  },
): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, file] of files) {
    const secret = options.secretPaths.has(path);
    const before = existing?.read(path);
    const base = { path, after: file.content, mode: file.mode, secret, ...(before !== undefined ? { before } : {}) };
    if (path === options.source?.path && before !== undefined) {
      const rewrite = options.source.rewrite && before !== file.content;
      changes.push({ ...base, after: rewrite ? file.content : before, action: rewrite ? 'update' : 'unchanged' });
    } else if (before === undefined) {
      changes.push({ ...base, action: 'create' });
    } else if (before === file.content) {
      changes.push({ ...base, action: 'unchanged' });
    } else if (existing?.manifest.files[path]?.sha256 === sha256(before)) {
      changes.push({ ...base, action: 'update' });
    } else {
      changes.push({ ...base, action: options.force ? 'overwrite' : 'conflict' });
    }
  }
  // Files the previous render wrote that this one does not (a renamed realm, say).
  for (const [path, entry] of Object.entries(existing?.manifest.files ?? {})) {
    if (files.has(path)) continue;
    const before = existing!.read(path);
    if (before === undefined) continue;
    const untouched = sha256(before) === entry.sha256;
    changes.push({ path, action: untouched || options.force ? 'remove' : 'keep', before, secret: options.secretPaths.has(path) });
  }
  return changes;
}

export const isWrite = (change: FileChange) => ['create', 'update', 'overwrite', 'remove'].includes(change.action);
