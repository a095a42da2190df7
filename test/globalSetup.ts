import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { useScratch } from './scratch.js';

/** Builds dist/ once, so tests that spawn the real CLI run what users run; gives the run one temporary folder. */
export default function setup(): () => void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  return useScratch();
}
