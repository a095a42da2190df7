/**
 * One run at a time per stack: a lock file holding the pid of the run that
 * writes. A lock whose process is gone is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { assertNoLink } from '../stack/paths.js';

const LOCK = '.prefect-secure/lock';

/** Whether the process with this pid still runs (EPERM: it does, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a file holds, if it holds one. */
export function pidIn(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A run killed between writing its pid file and linking it leaves `lock.<pid>.<random>`: removed once that run is gone. */
function sweepLeftovers(folder: string): void {
  for (const name of readdirSync(folder)) {
    const pid = /^lock\.(\d+)\.[0-9a-f]+(\.stale)?$/.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid))) rmSync(join(folder, name), { force: true });
  }
}

/**
 * Takes the stack's lock; returns the function that releases it. The lock
 * appears with its pid already in it (written aside, then hard-linked into
 * place, which fails if a lock exists), so no run ever sees an empty lock.
 * A stale lock is moved aside under a name of our own before it is removed:
 * if what was moved is not the stale lock we saw, it goes back.
 */
export function lockStack(dir: string, shown: string): () => void {
  const path = join(dir, LOCK);
  assertNoLink(dir, LOCK, shown);
  mkdirSync(dirname(path), { recursive: true });
  chmodSync(dirname(path), 0o700);
  const mine = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(mine, String(process.pid), { mode: 0o600 });
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, path);
        sweepLeftovers(dirname(path));
        return () => rmSync(path, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = pidIn(path);
        if (pid !== undefined && alive(pid)) {
          throw new UserError([
            {
              path: shown,
              message: `another prefect-secure run (pid ${pid}) is working on this stack`,
              fix: `wait for it to end; if no such run exists, delete ${join(shown, LOCK)}`,
            },
          ]);
        }
        // Stale: its run is gone. Move it aside; put back anything that is not the lock we judged.
        const aside = `${mine}.stale`;
        try {
          renameSync(path, aside);
        } catch {
          continue; // another run moved it first
        }
        if (pidIn(aside) !== pid) {
          try {
            linkSync(aside, path);
          } catch {
            // a third run holds the lock now; the next attempt sees it
          }
        }
        rmSync(aside, { force: true });
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new UserError([{ path: shown, message: 'could not take the stack lock', fix: `delete ${join(shown, LOCK)} and run again` }]);
}
