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

/** True when an earlier run left a swap half done. */
export function interrupted(dir: string, ops: FsOps = realFs): boolean {
  return ops.existsSync(join(dir, JOURNAL));
}

/** Undoes a transaction an earlier run left half done. Returns true when there was one. */
export function recoverInterrupted(dir: string, ops: FsOps = realFs): boolean {
  if (!ops.existsSync(join(dir, TXN))) return false;
  if (!interrupted(dir, ops)) {
    // Committed (the journal is gone) but not swept: only leftovers.
    ops.rmSync(join(dir, TXN), { recursive: true, force: true });
    return false;
  }
  let journal: Journal;
  try {
    journal = JSON.parse(fs.readFileSync(join(dir, JOURNAL), 'utf8')) as Journal;
    if (!Array.isArray(journal.paths)) throw new Error('no paths');
  } catch {
    throw new UserError([
      {
        path: JOURNAL,
        message: 'is damaged, so the interrupted run it records cannot be undone automatically',
        fix: `the previous versions of the files it changed are under ${TXN}/old/: move back the ones you need, then delete ${TXN}`,
      },
    ]);
  }
  rollback(dir, journal.paths, ops);
  return true;
}

export function applyChanges(dir: string, changes: FileChange[], ops: FsOps = realFs): void {
  const writes = changes.filter(isWrite);
  if (writes.length === 0) return;
  const txn = join(dir, TXN);
  ops.rmSync(txn, { recursive: true, force: true });
  // 1. Stage every new content; nothing in the stack has changed yet.
  for (const change of writes) {
    if (change.action === 'remove') continue;
    const staged = join(txn, 'new', change.path);
    ops.mkdirSync(dirname(staged), { recursive: true });
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
        ops.mkdirSync(dirname(old), { recursive: true });
        ops.renameSync(target, old);
      } else {
        const marker = join(txn, 'created', change.path);
        ops.mkdirSync(dirname(marker), { recursive: true });
        ops.writeFileSync(marker, '', { mode: 0o600 });
      }
      if (change.action !== 'remove') {
        ops.mkdirSync(dirname(target), { recursive: true });
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
