/** A stack already on disk: what a re-render must respect and reuse. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { SPEC_FILE } from '../components/core/files.js';
import { isNonEmptyDir } from '../write/atomic.js';
import { parseEnvFile } from './envFile.js';
import { assertNoLink } from './paths.js';
import { MANIFEST_PATH, readManifest, type Manifest } from './manifest.js';

export interface ExistingStack {
  dir: string;
  manifest: Manifest;
  secrets: Record<string, string>;
  read: (path: string) => string | undefined;
}

/** `render` and `rotate` work on a stack folder: one with the spec init wrote into it. */
export function assertStackFolder(dir: string, shown: string, option: string): void {
  if (existsSync(join(dir, SPEC_FILE))) return;
  throw new UserError([
    {
      path: option,
      message: `${shown} is not a stack folder: it has no prefect-secure.yaml`,
      fix: 'point it at the folder init wrote (e.g. ./prefect-stack), or create one with prefect-secure init',
    },
  ]);
}

/** A stack file's text, undefined when it is missing; never through a link (the error names it). */
export function readText(dir: string, path: string): string | undefined {
  assertNoLink(dir, path, dir);
  const full = join(dir, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

/** The stack in `dir`, undefined for a missing or empty folder; a folder that is not a stack is an error. */
export function readExistingStack(dir: string, label = '--out'): ExistingStack | undefined {
  if (!isNonEmptyDir(dir)) return undefined;
  let manifest: Manifest | undefined;
  assertNoLink(dir, MANIFEST_PATH, dir);
  try {
    manifest = readManifest(dir);
  } catch {
    throw new UserError([
      {
        path: MANIFEST_PATH,
        message: 'is not valid JSON or names a path outside the stack, so prefect-secure cannot tell its files from your edits',
        fix: 'restore it from version control; or render the spec into a new folder and move your changes over',
      },
    ]);
  }
  if (!manifest) {
    throw new UserError([
      {
        path: label,
        message: `${dir} already exists, is not empty, and is not a stack prefect-secure rendered (no ${MANIFEST_PATH})`,
        fix: 'choose another --out; prefect-secure never overwrites a folder it did not write',
      },
    ]);
  }
  const read = (path: string) => readText(dir, path);
  return {
    dir,
    manifest,
    secrets: parseEnvFile(read('.env') ?? ''),
    read,
  };
}
