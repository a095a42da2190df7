import { spawnSync } from 'node:child_process';

/** The first `X.Y.Z` (or `X.Y`, as PostgreSQL prints) a program says about itself on stdout or stderr. */
export function printedVersion(program: string, args: string[], env?: Record<string, string>): string {
  const run = spawnSync(program, args, { encoding: 'utf8', env: env ?? process.env, timeout: 60_000 });
  const text = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const match = text.match(/\d+\.\d+(?:\.\d+)?/);
  if (!match) throw new Error(`${program} ${args.join(' ')} printed no version: ${text.trim().slice(0, 200)}`);
  return match[0];
}
