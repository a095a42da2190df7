/**
 * Native processes of a stack: each in its own process group with its output
 * in a log file, stopped with SIGTERM then SIGKILL. Every group started is
 * remembered, and an exiting test process kills what is left, so no process
 * outlives a run — on success, failure or interrupt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, closeSync, openSync } from 'node:fs';

const live = new Set<number>();
const cleanups = new Set<() => void>();
let hooked = false;

/** Runs `cleanup` (synchronously) if the test process exits before the stack is down. */
export function onAbort(cleanup: () => void): () => void {
  hookExit();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const pgid of live) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    live.clear();
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // best effort on the way out
      }
    }
    cleanups.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

export interface NativeProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  exitCode(): number | null | undefined;
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group, as a crash or `docker kill` does. */
  kill(): Promise<void>;
}

export function startProcess(
  name: string,
  program: string,
  args: string[],
  options: { env: Record<string, string>; cwd?: string; uid?: number; gid?: number; log: string; header: string },
): NativeProcess {
  hookExit();
  appendFileSync(options.log, options.header);
  // The log file itself is the process's stdout and stderr: a program that
  // opens /dev/stdout (nginx's access_log) needs a file or pipe, not a socket.
  const fd = openSync(options.log, 'a');
  // A process that is not root can open /dev/stdout again, as in a container.
  if (options.uid !== undefined) chownSync(options.log, options.uid, options.gid ?? options.uid);
  const note = (text: string) => appendFileSync(options.log, text);
  const child = spawn(program, args, {
    env: options.env,
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid) live.add(child.pid);
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      note(`\n[runner] could not start ${program}: ${error.message}\n`);
      code = -1;
      resolve(-1);
    });
    child.on('exit', (exit, signal) => {
      code = exit;
      note(`\n[runner] ${name} exited (${signal ?? exit})\n`);
      resolve(exit);
    });
  });
  return {
    name,
    child,
    exited,
    exitCode: () => code,
    async kill() {
      if (child.pid === undefined || code !== undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
      await exited;
      live.delete(child.pid);
    },
    async stop(graceMs = 10_000) {
      const pgid = child.pid;
      if (pgid === undefined || code !== undefined) {
        if (pgid) live.delete(pgid);
        return;
      }
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-pgid, s);
        } catch {
          // gone
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Children of the leader (kc.sh's java) may outlive it.
      signal('SIGKILL');
      live.delete(pgid);
    },
  };
}
