/**
 * Runs a printed command line that ends in `docker compose exec -T SERVICE ...`
 * exactly as printed, in the stack folder, with /bin/sh: everything before
 * docker (sed reading .env, the pipe, every quote) runs for real. `docker` is
 * a stand-in on PATH that records what docker would receive, its arguments
 * and standard input; the runner then runs that inside the native service
 * (StackRun.exec), as compose would inside the container.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackRun } from '../runner/stack.js';

export interface PrintedExec {
  service: string;
  argv: string[];
  input: Buffer;
  code: number;
  output: string;
}

export async function runPrintedExec(run: StackRun, dir: string, command: string): Promise<PrintedExec> {
  const bin = mkdtempSync(join(tmpdir(), 'prefect-secure-docker-'));
  try {
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\nprintf '%s\\0' "$@" > '${bin}/argv'\ncat > '${bin}/stdin'\n`, { mode: 0o755 });
    execFileSync('/bin/sh', ['-c', command], { cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin` }, stdio: ['ignore', 'pipe', 'pipe'] });
    const received = readFileSync(join(bin, 'argv'), 'utf8').split('\0').slice(0, -1);
    const input = readFileSync(join(bin, 'stdin'));
    const [compose, exec, ...rest] = received;
    if (compose !== 'compose' || exec !== 'exec') throw new Error(`not a docker compose exec: docker ${received.join(' ')}`);
    const noTty = rest[0] === '-T';
    // Without -T, docker gives the command a terminal and no piped input.
    if (input.length > 0 && !noTty) throw new Error(`input is piped into docker compose exec without -T: ${command}`);
    const [service, ...argv] = noTty ? rest.slice(1) : rest;
    const result = await run.exec(service!, argv, { input });
    return { service: service!, argv, input, ...result };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}
