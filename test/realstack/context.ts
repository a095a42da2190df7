/**
 * The one running stack the real-stack scenarios share: rendered by the
 * built CLI exactly as the README says, then started by the runner.
 */
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { parseDotenv } from '../../src/compose/dotenv.js';
import { runCli } from '../helpers/cli.js';
import { isCi } from '../helpers/tools.js';
import { missingComponents } from './components.js';
import { upStack, type StackRun } from './runner/stack.js';
import { accessEntries, type AccessEntry, type ProxyKind } from './helpers/accessLog.js';

export interface RealStack {
  dir: string;
  run: StackRun;
  secrets: Record<string, string>;
  ui: string;
  api: string;
  issuer: string;
  /** The proxy the stack was rendered with; its compose service has the same name. */
  proxy: ProxyKind;
  /** The proxy's access log so far, as entries. */
  access(): AccessEntry[];
}

let current: RealStack | undefined;

export function stack(): RealStack {
  if (!current) throw new Error('the real stack is not running (its beforeAll failed)');
  return current;
}

/** The stack's .env as it is now (rotate changes it). */
export function secretsIn(dir: string): Record<string, string> {
  return Object.fromEntries(parseDotenv(readFileSync(join(dir, '.env'), 'utf8')).entries.map((e) => [e.name, e.value]));
}

/** Renders the default stack with the built CLI (with `--proxy` when another proxy is asked for, and `extra` flags) and starts it. */
export async function startRealStack(proxy: ProxyKind = 'nginx', extra: string[] = []): Promise<RealStack> {
  const root = mkdtempSync(join(tmpdir(), 'prefect-secure-real-'));
  // nginx's workers (nobody) read the htpasswd file; PostgreSQL runs as postgres.
  chmodSync(root, 0o755);
  const rendered = await runCli(['init', '--preset', 'local', ...(proxy === 'nginx' ? [] : ['--proxy', proxy]), ...extra], { cwd: root, env: { CI: 'true' } });
  if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
  const dir = join(root, 'prefect-stack');
  const run = await upStack(dir, { runDir: join(root, 'run') });
  const secrets = secretsIn(dir);
  current = {
    dir,
    run,
    secrets,
    ui: 'http://prefect.localtest.me:8080',
    api: 'http://prefect-api.localtest.me:8080/api',
    issuer: 'http://keycloak.localtest.me:8080/realms/prefect',
    proxy,
    access: () => accessEntries(proxy, run.logOf(proxy)),
  };
  return current;
}

export async function stopRealStack(): Promise<void> {
  await current?.run.down();
  current = undefined;
}

/**
 * `describe` when every component is installed; outside CI a missing one
 * skips the suite with the reason printed, in CI it fails the run.
 */
export function describeRealStack(name: string, fn: () => void): void {
  const missing = missingComponents();
  if (missing.length > 0) {
    const reason = `real-stack components missing: ${missing.join(', ')} (run: bash scripts/install-components.sh)`;
    if (!isCi()) {
      console.warn(`[skipped] ${reason}`);
      describe.skip(name, fn);
      return;
    }
    throw new Error(reason);
  }
  describe(name, fn);
}
