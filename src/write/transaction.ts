/**
 * Applies changes to an existing stack all-or-nothing. New contents are
 * staged first; then each file is swapped in, its old version kept aside; on
 * any failure every swapped file is put back. A journal on disk lets the next
 * run undo a swap that was interrupted (a killed process, a full disk).
 */
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileChange } from '../stack/changes.js';

const TXN = '.prefect-secure/txn';

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
  ops.rmSync(join(dir, TXN), { recursive: true, force: true });
}

/** Undoes a transaction an earlier run left half done. Returns true when there was one. */
export function recoverInterrupted(dir: string, ops: FsOps = realFs): boolean {
  if (!ops.existsSync(join(dir, TXN))) return false;
  const journalPath = join(dir, TXN, 'journal.json');
  if (!ops.existsSync(journalPath)) {
    ops.rmSync(join(dir, TXN), { recursive: true, force: true });
    return false;
  }
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as Journal;
  rollback(dir, journal.paths, ops);
  return true;
}

export function applyChanges(dir: string, changes: FileChange[], ops: FsOps = realFs): void {
  const writes = changes.filter((c) => ['create', 'update', 'overwrite', 'remove'].includes(c.action));
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
  ops.writeFileSync(join(txn, 'journal.json'), JSON.stringify({ paths: [] } satisfies Journal), { mode: 0o600 });
  // 2. Swap, recording each path in the journal before touching it.
  const done: string[] = [];
  try {
    for (const change of writes) {
      done.push(change.path);
      ops.writeFileSync(join(txn, 'journal.json'), JSON.stringify({ paths: done } satisfies Journal), { mode: 0o600 });
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
  // 3. Commit: forget the old versions.
  ops.rmSync(txn, { recursive: true, force: true });
}
