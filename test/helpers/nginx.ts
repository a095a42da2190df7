/**
 * Real nginx on a rendered proxy/nginx.conf, for the e2e tests.
 *
 * The rendered text is rewritten only where the test environment forces it
 * (scripts/lib/nginx-rewrite.mjs lists and checks every substitution), run in
 * a temp prefix in the foreground, and killed by `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxArgs, rewriteNginxConf, type RewriteOptions } from '../../scripts/lib/nginx-rewrite.mjs';
import { findTool, freePort } from './tools.js';

export interface StartNginxOptions {
  /** The rendered proxy/nginx.conf. */
  confPath: string;
  /** The rendered proxy/htpasswd. */
  htpasswdPath: string;
  /** Base URLs (http://127.0.0.1:PORT) of the stand-ins. */
  upstreams: RewriteOptions['upstreams'];
  /** The port the plan renders (checked against the config). */
  listenPort?: number;
  workerProcesses?: number;
  nginx?: string;
}

export interface RunningNginx {
  port: number;
  dir: string;
  /** The rewritten config nginx runs. */
  confPath: string;
  /** Substitutions made, by name, with how many places each changed. */
  rewrites: Record<string, number>;
  errorLog(): string;
  stop(): Promise<void>;
}

function nginxPath(explicit?: string): string {
  const path = explicit ?? findTool('nginx');
  if (!path) throw new Error('nginx not found on PATH or in /usr/sbin');
  return path;
}

function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Polls the port until nginx accepts connections; fails fast if nginx exits (bad config). */
async function waitForPort(child: ChildProcess, port: number, output: () => string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    if (await probe(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port} within ${limitMs} ms:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child) || child.pid === undefined) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM: nginx's fast shutdown; the master stops its workers.
  child.kill('SIGTERM');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5_000).unref());
  if ((await Promise.race([done, timer])) === 'late') {
    // The master and its workers share the process group we created (detached).
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await done;
  }
}

export async function startNginx(options: StartNginxOptions): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-nginx-'));
  // nginx's workers drop to `nobody` when the master runs as root: they must reach the run folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const { text, counts } = rewriteNginxConf(readFileSync(options.confPath, 'utf8'), {
    port,
    upstreams: options.upstreams,
    htpasswdPath: options.htpasswdPath,
    dir,
    ...(options.listenPort !== undefined ? { listenPort: options.listenPort } : {}),
    ...(options.workerProcesses !== undefined ? { workerProcesses: options.workerProcesses } : {}),
  });
  const confPath = join(dir, 'nginx.conf');
  writeFileSync(confPath, text);

  const child = spawn(nginxPath(options.nginx), nginxArgs(dir, confPath), {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: stop() can reach the workers too
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('error', (error) => (output += `spawn error: ${error.message}\n`));
  const errorLog = () => {
    const file = join(dir, 'error.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };

  try {
    await waitForPort(child, port, () => `${output}${errorLog()}`);
  } catch (error) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    dir,
    confPath,
    rewrites: counts,
    errorLog,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface NginxTestResult {
  ok: boolean;
  status: number | null;
  output: string;
}

/**
 * `nginx -t` on the rendered file as it is (its pid file and temp folders are
 * under /tmp, where any user may write); -t neither binds the listen port, nor opens the
 * auth_basic_user_file (read per request), nor resolves the variable upstreams.
 *
 * It does open the log files, and the rendered `access_log /dev/stdout` cannot
 * be opened when stdout is a socket (Node's piped stdio is a socketpair: ENXIO).
 * In the container stdout is a pipe or a terminal; here nginx's stdout and
 * stderr are a regular file in the temp folder, read back afterwards.
 */
export function nginxTest(confPath: string, nginx?: string): NginxTestResult {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-nginx-t-'));
  const outFile = join(dir, 'output.txt');
  const fd = openSync(outFile, 'w');
  try {
    const result = spawnSync(nginxPath(nginx), ['-t', ...nginxArgs(dir, confPath)], { stdio: ['ignore', fd, fd], timeout: 30_000 });
    if (result.error) throw result.error;
    return { ok: result.status === 0, status: result.status, output: readFileSync(outFile, 'utf8') };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
