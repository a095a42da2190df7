// Shared by the bench's parts: the copied CLI, the temporary folder, cleanup and timing helpers.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 20));
export const WRK_SECONDS = Math.min(5, Math.max(1, Number(process.env.BENCH_WRK_SECONDS ?? 5)));
export const WRK_ROUNDS = 2; // interleaved no-gate / gate pairs
export const GOALS = { startupRatio: 2, gateThroughput: 0.8, gateAddedMedianMs: 1 };

export const tmp = mkdtempSync(join(tmpdir(), 'prefect-secure-bench-'));
// nginx's workers drop to `nobody` under a root master and read the htpasswd per request.
chmodSync(tmp, 0o755);

// The built CLI (bin/, dist/, package.json), copied once: every run times the
// same build even if dist/ is rebuilt meanwhile (tests rebuild it in their global setup).
export const APP = join(tmp, 'app');
for (const path of ['package.json', 'bin', 'dist']) {
  if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(APP, path), { recursive: true });
}
if (!existsSync(join(APP, 'dist/cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run build` (npm run bench does)');
export const BIN = join(APP, 'bin/prefect-secure.js');

// ---- cleanup of everything started here ----------------------------------------------
export const cleanups = [];
export let cleaned = false;
export async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (error) {
      console.error(`cleanup: ${error.message}`);
    }
  }
  rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup().finally(() => process.exit(130));
  });
}

// ---- helpers -----------------------------------------------------------------------------
export function findTool(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

export const fmtMs = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
export const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

// Where Node has a compile cache, the CLI keeps its compiled code in a folder of the user's
// (bin/prefect-secure.js): the bench gives it one of its own, warm for later runs and empty
// for first runs.
export const CACHE_HOME = join(tmp, 'cache-home');

export function timed(args, label, env = {}, node = process.execPath) {
  const start = process.hrtime.bigint();
  const result = spawnSync(node, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: CACHE_HOME, ...env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export const isCleaned = () => cleaned;
