/**
 * Paths inside a stack folder. Everything read from a stack folder is
 * untrusted (a journal, a manifest, a linked file): a path it names must be a
 * plain relative path that stays inside the folder, and prefect-secure never
 * reads or writes through a symbolic link there — a link could lead out of
 * the stack to a file it must not print or overwrite.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** A path as the stack's own files name them: `proxy/nginx.conf`; no `..`, no `.`, not absolute. */
export function isPlainRelative(path: unknown): path is string {
  if (typeof path !== 'string' || path === '' || path.length > 1024) return false;
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The first link on the way from `dir` to `dir/path` (the path itself included), or undefined. */
export function linkOnPath(dir: string, path: string): string | undefined {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    try {
      if (lstatSync(join(dir, prefix)).isSymbolicLink()) return prefix;
    } catch {
      return undefined; // nothing there (yet): nothing further down exists either
    }
  }
  return undefined;
}

/** Throws the error that names the link, when `dir/path` is or goes through one. */
export function assertNoLink(dir: string, path: string, shownDir: string): void {
  const link = linkOnPath(dir, path);
  if (link === undefined) return;
  throw new UserError([
    {
      path: join(shownDir, link),
      message: 'is a symbolic link; prefect-secure reads and writes only real files and folders inside a stack, so a link cannot lead it out of the folder',
      fix: 'replace the link with a copy of what it points to, or delete it and render again',
    },
  ]);
}
