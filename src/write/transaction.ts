/**
 * Applies changes to an existing stack all-or-nothing. New contents are
 * staged first; then each file is swapped in, its old version kept aside; on
 * any failure every swapped file is put back. A journal on disk lets the next
 * run undo a swap that was interrupted (a killed process, a full disk). The
 * journal is replaced by rename, never rewritten in place, and deleting it is
 * the commit: a run killed after that point leaves only leftovers to sweep.
 */
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { isWrite, type FileChange } from '../stack/changes.js';
import { assertNoLink, isPlainRelative, linkOnPath } from '../stack/paths.js';

const TXN = '.prefect-secure/txn';
const JOURNAL = `${TXN}/journal.json`;

/** The file operations a transaction uses; tests inject failures here. */
export interface FsOps {
  writeFileSync: (path: string, data: string, options: { mode: number }) => void;
  chmodSync: (path: string, mode: number) => void;
  renameSync: (from: string, to: string) => void;
  mkdirSync: (path: string, options: { recursive: true }) => unknown;
  existsSync: (path: string) => boolean;
  rmSync: (path: string, options: { recursive: true; force: true }) => void;
}

export const realFs: FsOps = fs;

interface Journal {
  paths: string[];
}

function writeJournal(dir: string, journal: Journal, ops: FsOps): void {
  const temporary = join(dir, `${JOURNAL}.next`);
  ops.writeFileSync(temporary, JSON.stringify(journal), { mode: 0o600 });
  ops.renameSync(temporary, join(dir, JOURNAL));
}

function rollback(dir: string, paths: string[], ops: FsOps): void {
  for (const path of [...paths].reverse()) {
    const target = join(dir, path);
    const old = join(dir, TXN, 'old', path);
    if (ops.existsSync(old)) {
      ops.mkdirSync(dirname(target), { recursive: true });
      ops.renameSync(old, target);
    } else if (ops.existsSync(join(dir, TXN, 'created', path))) {
      ops.rmSync(target, { recursive: true, force: true });
    }
  }
  ops.rmSync(join(dir, JOURNAL), { recursive: true, force: true });
  ops.rmSync(join(dir, TXN), { recursive: true, force: true });
}

/** The transaction's own folders: private (the journal says what to move where), created with that mode whatever the umask. */
function privateDir(path: string, ops: FsOps): void {
  ops.mkdirSync(path, { recursive: true });
  ops.chmodSync(path, 0o700);
}

/** `.prefect-secure` and its `txn` folder must be real folders: a link there would move files outside the stack. */
function assertOwnFolders(dir: string): void {
  assertNoLink(dir, TXN, dir);
}

/** Every path a journal names: plain, inside the stack, and reached through no link (nor its copies in the transaction folder). */
function checkJournalPaths(dir: string, paths: unknown[]): string[] {
  const problems = [];
  for (const path of paths) {
    if (!isPlainRelative(path)) {
      problems.push({ path: JOURNAL, message: `names ${JSON.stringify(path).slice(0, 80)}, which is not a path inside the stack`, fix: `nothing was changed; delete ${TXN} (it was not written by prefect-secure) and run again` });
      continue;
    }
    for (const base of [dir, join(dir, TXN, 'old'), join(dir, TXN, 'created')]) {
      const link = linkOnPath(base, path);
      if (link !== undefined) {
        problems.push({ path: JOURNAL, message: `names ${path}, which leads through the symbolic link ${link}`, fix: `nothing was changed; remove the link, delete ${TXN} and run again` });
      }
    }
  }
  if (problems.length > 0) throw new UserError(problems);
  return paths as string[];
}

/** True when an earlier run left a swap half done. */
export function interrupted(dir: string, ops: FsOps = realFs): boolean {
  return ops.existsSync(join(dir, JOURNAL));
}

/** Undoes a transaction an earlier run left half done. Returns true when there was one. */
export function recoverInterrupted(dir: string, ops: FsOps = realFs): boolean {
  assertOwnFolders(dir);
  if (!ops.existsSync(join(dir, TXN))) return false;
  if (!interrupted(dir, ops)) {
    // Committed (the journal is gone) but not swept: only leftovers.
    ops.rmSync(join(dir, TXN), { recursive: true, force: true });
    return false;
  }
  let journal: Journal;
  try {
    assertNoLink(dir, JOURNAL, dir);
    journal = JSON.parse(fs.readFileSync(join(dir, JOURNAL), 'utf8')) as Journal;
    if (!Array.isArray(journal.paths)) throw new Error('no paths');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError([
      {
        path: JOURNAL,
        message: 'is damaged, so the interrupted run it records cannot be undone automatically',
        fix: `the previous versions of the files it changed are under ${TXN}/old/: move back the ones you need, then delete ${TXN}`,
      },
    ]);
  }
  rollback(dir, checkJournalPaths(dir, journal.paths), ops);
  return true;
}

export function applyChanges(dir: string, changes: FileChange[], ops: FsOps = realFs): void {
  const writes = changes.filter(isWrite);
  if (writes.length === 0) return;
  assertOwnFolders(dir);
  // No write goes through a link (a linked folder would put the file outside the stack).
  for (const change of writes) assertNoLink(dir, dirname(change.path) === '.' ? change.path : dirname(change.path), dir);
  const txn = join(dir, TXN);
  ops.rmSync(txn, { recursive: true, force: true });
  privateDir(join(dir, '.prefect-secure'), ops);
  privateDir(txn, ops);
  // 1. Stage every new content; nothing in the stack has changed yet.
  for (const change of writes) {
    if (change.action === 'remove') continue;
    const staged = join(txn, 'new', change.path);
    privateDir(dirname(staged), ops);
    ops.writeFileSync(staged, change.after!, { mode: change.mode! });
    ops.chmodSync(staged, change.mode!);
  }
  // 2. Swap, recording each path in the journal before touching it.
  const done: string[] = [];
  try {
    for (const change of writes) {
      done.push(change.path);
      writeJournal(dir, { paths: done }, ops);
      const target = join(dir, change.path);
      if (ops.existsSync(target)) {
        const old = join(txn, 'old', change.path);
        privateDir(dirname(old), ops);
        ops.renameSync(target, old);
      } else {
        const marker = join(txn, 'created', change.path);
        privateDir(dirname(marker), ops);
        ops.writeFileSync(marker, '', { mode: 0o600 });
      }
      if (change.action !== 'remove') {
        // A new folder of the stack: readable by the containers' users whatever the umask.
        if (!ops.existsSync(dirname(target))) {
          ops.mkdirSync(dirname(target), { recursive: true });
          ops.chmodSync(dirname(target), 0o755);
        }
        ops.renameSync(join(txn, 'new', change.path), target);
      }
    }
  } catch (error) {
    rollback(dir, done, ops);
    throw error;
  }
  // 3. Commit: the journal goes first, then the old versions.
  ops.rmSync(join(dir, JOURNAL), { recursive: true, force: true });
  ops.rmSync(txn, { recursive: true, force: true });
}
