import { join } from 'node:path';
import { execa } from 'execa';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'prefect-secure.js');

/** Runs the built CLI as a user would, never throwing on a non-zero exit. */
export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string; node?: string } = {}) {
  // The CLI behaves differently under CI=true (it never prompts); tests choose it explicitly.
  const { CI: _ci, ...inherited } = process.env;
  const result = await execa(options.node ?? process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...inherited, NO_COLOR: '1', ...options.env },
    extendEnv: false,
    reject: false,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
  });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}
