/**
 * The real `prefect` CLI, run as a user runs it: with the rendered
 * profiles.toml as PREFECT_PROFILES_PATH and a profile picked by
 * PREFECT_PROFILE, in a clean environment with its own PREFECT_HOME.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { expect } from 'vitest';
import { COMPONENTS } from '../components.js';

export interface PrefectEnv {
  [name: string]: string;
}

const home = mkdtempSync(join(tmpdir(), 'prefect-secure-client-'));

export function profileEnv(stackDir: string, profile: string): PrefectEnv {
  return {
    PREFECT_PROFILES_PATH: join(stackDir, 'prefect', 'profiles.toml'),
    PREFECT_PROFILE: profile,
  };
}

function baseEnv(): PrefectEnv {
  return {
    PATH: `${join(COMPONENTS.venv, 'bin')}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    PREFECT_HOME: join(home, '.prefect'),
    LANG: 'C.UTF-8',
    DO_NOT_TRACK: '1',
    // The client never waits long: a refused request should fail the test, not hang it.
    PREFECT_API_REQUEST_TIMEOUT: '30',
    // Workers look for scheduled runs every 2 s instead of 10: the same requests through the same gate, and a
    // run starts within seconds of being scheduled (a dozen runs in the suite waited 5 s each on average).
    PREFECT_WORKER_QUERY_SECONDS: '2',
  };
}

export async function prefect(args: string[], env: PrefectEnv, options: { cwd?: string; timeoutMs?: number } = {}) {
  const result = await execa(COMPONENTS.prefect, ['--no-prompt', ...args], {
    env: { ...baseEnv(), ...env },
    extendEnv: false,
    cwd: options.cwd,
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
    stdin: 'ignore',
  });
  return { code: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), all: `${result.stdout}\n${result.stderr}` };
}

/** A long-running prefect command (a worker), with its output kept. */
export function prefectBackground(args: string[], env: PrefectEnv, options: { cwd?: string } = {}): { process: ResultPromise; output(): string } {
  let output = '';
  const child = execa(COMPONENTS.prefect, args, {
    env: { ...baseEnv(), ...env },
    extendEnv: false,
    cwd: options.cwd,
    reject: false,
    stdin: 'ignore',
    all: true,
  });
  child.all?.on('data', (d: Buffer) => (output += d.toString()));
  return { process: child, output: () => output };
}

/** Waits until a worker says it has started (from then on it polls its pool); fails with its output otherwise. */
export async function workerStarted(worker: { process: { exitCode: number | null }; output(): string }, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!/Worker .* started/.test(worker.output()) && worker.process.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  expect(worker.output()).toMatch(/Worker .* started/);
}

/** The fenced sh block of NEXT_STEPS.md that holds `line`, as printed. */
export function printedBlock(nextSteps: string, line: string): string {
  const block = [...nextSteps.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((text) => text.includes(line));
  if (!block) throw new Error(`NEXT_STEPS.md has no sh block with "${line}"`);
  return block;
}

/**
 * A printed block run as a person runs it: bash in `cwd` (the folder the
 * instructions name), with the prefect CLI on PATH and a HOME of its own,
 * which the test can look into afterwards.
 */
export function runPrinted(block: string, cwd: string): { process: ResultPromise; output(): string; home: string; stop(): Promise<void> } {
  let output = '';
  // Its own process group: stopping it stops the worker bash started, too.
  const child = execa('bash', ['-e', '-c', block], { env: baseEnv(), extendEnv: false, cwd, reject: false, stdin: 'ignore', all: true, detached: true });
  child.all?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await child;
  };
  return { process: child, output: () => output, home, stop };
}

/**
 * A printed block that ends with a prefect command, run to its end as a CI
 * job runs it: bash in `cwd`, the prefect CLI on PATH, a HOME of its own, and
 * only the variables the job would have (`env`); it must exit 0 and print
 * what `prefect work-pool ls` prints.
 */
export async function runPrintedJob(block: string, cwd: string, env: Record<string, string>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'prefect-secure-job-'));
  const result = await execa('bash', ['-e', '-c', block], {
    cwd,
    env: { PATH: `${join(COMPONENTS.venv, 'bin')}:/usr/bin:/bin`, HOME: home, PREFECT_HOME: join(home, '.prefect'), DO_NOT_TRACK: '1', ...env },
    extendEnv: false,
    reject: false,
    timeout: 120_000,
  });
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  expect(result.stdout).toMatch(/No work pools found|Work Pools/);
}
