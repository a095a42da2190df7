/**
 * External tools the real-validator tests need (nginx, htpasswd, wrk, caddy…).
 *
 * On a developer machine a missing tool skips the suite with a printed reason.
 * In CI (`CI=true`) the tools are installed by `.ci/run`, so a missing tool is
 * a broken environment: the suite runs and fails with the reason instead of
 * passing silently as "skipped".
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';
import { COMPONENTS_DIR, installedNginx, NGINX_MINOR } from '../../scripts/lib/components.mjs';

/** Folders searched after PATH: nginx lives in /usr/sbin, which a non-root PATH often lacks. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** Tools installed by scripts/install-components.sh rather than found on PATH. */
const INSTALLED: Record<string, { find: () => string | undefined; hint: string }> = {
  nginx: { find: installedNginx, hint: `nginx ${NGINX_MINOR}: npm run components` },
  'oauth2-proxy': { find: () => executable(join(COMPONENTS_DIR, 'bin', 'oauth2-proxy')), hint: 'oauth2-proxy: npm run components' },
  caddy: { find: () => executable(join(COMPONENTS_DIR, 'bin', 'caddy')), hint: 'caddy: npm run components' },
  traefik: { find: () => executable(join(COMPONENTS_DIR, 'bin', 'traefik')), hint: 'traefik: npm run components' },
};

function executable(path: string): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

export function findTool(name: string): string | undefined {
  const installed = INSTALLED[name];
  if (installed) return installed.find();
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function isCi(): boolean {
  return process.env.CI === 'true';
}

export interface ToolGate {
  /** True when the suite should be skipped (a tool is missing and this is not CI). */
  skip: boolean;
  /** Why tools are missing, or undefined when all are there. */
  reason: string | undefined;
  /** The tool's path; throws (failing the test) when it is missing. */
  path(name: string): string;
  /** `describe`, or `describe.skip` when `skip` is true. */
  describe: (name: string, fn: () => void) => void;
}

/**
 * Looks the tools up once. Missing outside CI: prints the reason and skips.
 * Missing in CI: does not skip; `path()` throws with the reason, so the
 * suite's beforeAll fails and every test in it is reported as failed.
 */
export function needTools(...names: string[]): ToolGate {
  const found = new Map(names.map((name) => [name, findTool(name)] as const));
  const missing = names.filter((name) => found.get(name) === undefined);
  const reason =
    missing.length === 0
      ? undefined
      : `${missing.join(', ')} not found (${missing.map((name) => INSTALLED[name]?.hint ?? `${name}: on PATH or in ${EXTRA_DIRS.join(', ')}; Debian: apt-get install apache2-utils wrk`).join('; ')}; .ci/run installs them)`;
  const skip = reason !== undefined && !isCi();
  if (reason !== undefined) {
    // Printed at collection time so a skip is never silent.
    console.warn(skip ? `[skipped] ${reason}` : `[CI=true, failing] ${reason}`);
  }
  return {
    skip,
    reason,
    path(name: string): string {
      const path = found.get(name);
      if (path === undefined) {
        throw new Error(`${name} is required here: ${reason ?? `${name} was not looked up by needTools()`}`);
      }
      return path;
    },
    describe: skip ? describe.skip : describe,
  };
}

/** A free TCP port on 127.0.0.1, from the kernel (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no port from the kernel'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
