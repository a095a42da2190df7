/**
 * Writes a stack all at once: into a temporary folder beside the target,
 * then one rename. A run that fails or is interrupted leaves no half-written
 * stack behind.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { FileMap } from '../render/index.js';

export function isNonEmptyDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0;
}

export function assertNotAFile(outDir: string): void {
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UserError([{ path: '--out', message: `${outDir} exists and is not a folder`, fix: 'choose another --out' }]);
  }
}

export function assertWritableTarget(outDir: string): void {
  assertNotAFile(outDir);
  if (isNonEmptyDir(outDir)) {
    throw new UserError([
      {
        path: '--out',
        message: `${outDir} already exists and is not empty; prefect-secure never overwrites a folder silently`,
        fix: 'choose another --out, or remove the folder if you mean to start over',
      },
    ]);
  }
}

const STALE_MS = 10 * 60 * 1000;

/**
 * Staging folders an interrupted run left beside the target (they may hold a
 * .env): removed once they are older than any run could still be using.
 */
function sweepStaleStaging(parent: string, name: string): void {
  const prefix = `.${name}.prefect-secure-`;
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const path = join(parent, entry);
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** prefect-secure's own folder is private; every other folder the containers' users must read. */
export const OWN_FOLDER = '.prefect-secure';

/** Creates `rel` and its parents inside `root` with the modes the stack needs, whatever the umask. */
function folders(root: string, rel: string): void {
  if (rel === '.' || rel === '') return;
  let at = root;
  for (const part of rel.split('/')) {
    at = join(at, part);
    if (existsSync(at)) continue;
    mkdirSync(at);
    chmodSync(at, part === OWN_FOLDER ? 0o700 : 0o755);
  }
}

/** Writes every file into a fresh temp folder next to `outDir`; returns it. */
export function stageFiles(outDir: string, files: FileMap): string {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  sweepStaleStaging(parent, basename(target));
  const staging = join(parent, `.${basename(target)}.prefect-secure-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 }); // private until it is renamed into place
  try {
    for (const [path, file] of files) {
      const full = join(staging, path);
      folders(staging, dirname(path));
      writeFileSync(full, file.content, { mode: file.mode });
      chmodSync(full, file.mode); // the umask may have narrowed it
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return staging;
}

export function writeStackAtomic(outDir: string, files: FileMap): void {
  assertWritableTarget(outDir);
  const staging = stageFiles(outDir, files);
  try {
    if (existsSync(outDir)) rmdirSync(outDir); // empty, checked above
    chmodSync(staging, 0o755);
    renameSync(staging, resolve(outDir));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
