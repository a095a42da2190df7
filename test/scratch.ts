/**
 * One folder for everything a test run writes to the temporary directory, removed when the run ends.
 *
 * Tests, the CLI they spawn and the real programs they start (Python, Chromium, nginx…) all ask
 * the system for a temporary directory; TMPDIR points every one of them here, so no test has to
 * remember to clean up and a run cannot fill the disk run after run (a real-stack run alone leaves
 * hundreds of megabytes: Keycloak's copies, PostgreSQL's data, browser profiles).
 *
 * A run that is killed cannot clean up; its folder keeps the pid that made it, and the next run
 * removes every folder whose run is gone. PREFECT_SECURE_KEEP_TMP=1 keeps this run's folder (its
 * services' logs, the stacks' files) and prints where it is.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, pidIn } from '../src/write/lock.js';

/** Short on purpose: PostgreSQL's socket path below it must stay under the 107 bytes a Unix socket allows. */
const PREFIX = 'pst-';
const OWNER = '.owner-pid';

/** Folders of earlier runs whose process is gone (killed, or the machine stopped). */
export function abandonedScratch(base: string): string[] {
  return readdirSync(base)
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => join(base, name))
    .filter((dir) => {
      const pid = pidIn(join(dir, OWNER)); // none: not ours, or still being made
      return pid !== undefined && !alive(pid);
    });
}

/** Makes this run's folder, points TMPDIR at it, and returns what removes it. */
export function useScratch(): () => void {
  const base = tmpdir();
  for (const dir of abandonedScratch(base)) rmSync(dir, { recursive: true, force: true });
  const root = mkdtempSync(join(base, PREFIX));
  // Services run as their own users (postgres, nobody) and must reach the folders made for them below.
  chmodSync(root, 0o755);
  writeFileSync(join(root, OWNER), String(process.pid));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  const keep = process.env.PREFECT_SECURE_KEEP_TMP === '1';
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    if (keep) {
      rmSync(join(root, OWNER)); // no longer a run's folder: the next run leaves it alone
      console.log(`PREFECT_SECURE_KEEP_TMP=1: this run's temporary files are in ${root}`);
    } else {
      rmSync(root, { recursive: true, force: true });
    }
  };
}
