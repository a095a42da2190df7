import type { Io } from '../../src/io.js';

/** An Io that records what the CLI prints. */
export function memoryIo(cwd: string, options: { isTTY?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    color: false,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
