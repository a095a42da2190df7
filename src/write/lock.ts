/**
 * One run at a time per stack: a lock file holding the pid of the run that
 * writes. A lock whose process is gone is stale and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';

const LOCK = '.prefect-secure/lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the stack's lock; returns the function that releases it. */
export function lockStack(dir: string, shown: string): () => void {
  const path = join(dir, LOCK);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new UserError([
          {
            path: shown,
            message: `another prefect-secure run (pid ${pid}) is working on this stack`,
            fix: `wait for it to end; if no such run exists, delete ${join(shown, LOCK)}`,
          },
        ]);
      }
      rmSync(path, { force: true }); // stale: its run is gone
    }
  }
  throw new UserError([{ path: shown, message: 'could not take the stack lock', fix: `delete ${join(shown, LOCK)} and run again` }]);
}
