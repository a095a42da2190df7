// Where scripts/install-components.sh puts the real programs, for the tests,
// the bench and the real-stack runner alike. The stack pins nginx's 1.30
// stable line, and the rendered config needs it (`server … resolve` in an
// upstream arrived in 1.27.3), so every nginx we run is the installed one,
// never whichever nginx happens to be on PATH.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Git-ignored install folder; PREFECT_SECURE_COMPONENTS moves it. */
export const COMPONENTS_DIR = process.env.PREFECT_SECURE_COMPONENTS ?? join(REPO_ROOT, '.cache', 'components');

export const NGINX_MINOR = '1.30';

export const NGINX_PATH = join(COMPONENTS_DIR, `nginx-${NGINX_MINOR}`, 'nginx');

/** The installed nginx, or undefined with nothing installed yet (`npm run components`). */
export function installedNginx() {
  return existsSync(NGINX_PATH) ? NGINX_PATH : undefined;
}

/** Node majors the CLI is run on besides the one running the tests (the installer fetches them). */
export const NODE_MAJORS = [22, 24];

/** The installed Node of that major, or undefined. */
export function installedNode(major) {
  const path = join(COMPONENTS_DIR, `node-${major}`, 'bin', 'node');
  return existsSync(path) ? path : undefined;
}
