import type { Io } from '../../../src/io.js';

export interface MemoryIo extends Io {
  /** Everything written to out, in one string. */
  stdout(): string;
}

/** An Io that keeps what is printed; `log` interleaves it with the questions a mock prompt records. */
export function memoryIo(options: { color?: boolean; env?: NodeJS.ProcessEnv; log?: string[] } = {}): MemoryIo {
  const out: string[] = [];
  const log = options.log ?? [];
  return {
    out: (text) => {
      out.push(text);
      log.push(...text.split('\n').filter((line) => line !== ''));
    },
    err: (text) => {
      out.push(text);
    },
    color: options.color ?? false,
    isTTY: true,
    env: options.env ?? {},
    cwd: '/nonexistent',
    stdout: () => out.join(''),
  };
}
