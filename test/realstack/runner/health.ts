/**
 * Healthchecks as compose runs them: the service's own test command, run
 * natively (its program mapped by the service's adapter, `127.0.0.1` and
 * `localhost` meaning the service's own address), every interval until it
 * passes; failures during start_period do not count against retries.
 */
import { spawn } from 'node:child_process';
import type { Healthcheck } from './compose.js';
import type { ProgramAdapter, ServiceContext } from '../programs/types.js';

function runOnce(argv: string[], env: Record<string, string>, timeoutMs: number): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, output: e.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

export function nativeTest(adapter: ProgramAdapter, ctx: ServiceContext, test: string[]) {
  const local = test.map((arg) => arg.replaceAll('127.0.0.1', ctx.address).replace(/\blocalhost\b/g, ctx.address));
  return adapter.exec(ctx, local);
}

/**
 * Resolves when the check passes; rejects when it fails `retries` times after
 * the start period, when `deadlineMs` passes, or when the process exits.
 */
export async function waitHealthy(
  name: string,
  check: Healthcheck,
  adapter: ProgramAdapter,
  ctx: ServiceContext,
  exited: () => boolean,
  deadlineMs: number,
): Promise<void> {
  const { argv, env } = nativeTest(adapter, ctx, check.test);
  const started = Date.now();
  let failures = 0;
  let last = '';
  // Compose runs the first check one interval after start; poll faster so tests wait less, count retries the same way.
  const poll = Math.min(check.intervalMs, 1000);
  let lastCounted = started;
  for (;;) {
    if (exited()) throw new Error(`${name} exited before it was healthy`);
    const result = await runOnce(argv, env, check.timeoutMs);
    if (result.ok) return;
    last = result.output.trim().slice(-300);
    const now = Date.now();
    if (now - started > check.startPeriodMs && now - lastCounted >= check.intervalMs) {
      failures++;
      lastCounted = now;
      if (failures >= check.retries) throw new Error(`${name} is unhealthy after ${failures} failed checks (${argv.join(' ')}): ${last}`);
    }
    if (now - started > deadlineMs) throw new Error(`${name} was not healthy within ${Math.round(deadlineMs / 1000)} s (${argv.join(' ')}): ${last}`);
    await new Promise((r) => setTimeout(r, poll));
  }
}
