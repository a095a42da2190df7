import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { useScratch } from './scratch.js';

const MARK = 'PREFECT_SECURE_TEST_SETUP';

/**
 * Builds dist/ once, so tests that spawn the real CLI run what users run, and gives the run one
 * temporary folder. Vitest calls this for the root config and again for each project that extends
 * it; only the first call in a process does the work.
 */
export default function setup(): () => void {
  if (process.env[MARK] === String(process.pid)) return () => {};
  process.env[MARK] = String(process.pid);
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const removeScratch = useScratch();
  return () => {
    removeScratch();
    delete process.env[MARK];
  };
}
