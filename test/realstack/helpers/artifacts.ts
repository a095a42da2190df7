import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../components.js';

/** Screenshots and logs a person can look at after a run (git-ignored). */
export function artifactPath(name: string): string {
  const dir = join(REPO_ROOT, 'artifacts', 'real-stack');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
