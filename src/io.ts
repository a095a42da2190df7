/** Where the CLI prints; injected so tests read what a user would see. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  const env = process.env;
  // `prefect-secure doctor | head` closes the pipe early: stop quietly, not with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb',
    isTTY: Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY),
    env,
    cwd: process.cwd(),
  };
}

export function paint(io: Pick<Io, 'color'>) {
  const wrap = (open: number, close: number) => (text: string) => (io.color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}
