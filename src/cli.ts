/**
 * Entry point: parses arguments, runs a command, maps errors to exit codes.
 * 0 success; 1 findings (doctor) or an internal error; 2 bad input or usage.
 * A user's mistake never prints a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { runInit } from './commands/init.js';
import { runSchema } from './commands/schema.js';
import { UserError } from './errors.js';
import { processIo, type Io } from './io.js';
import { internalErrorText, userErrorText } from './messages.js';
import { PRESET_NAMES } from './spec/presets.js';
import { VERSION } from './version.js';

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command()
    .name('prefect-secure')
    .description('Render and check a secure self-hosted Prefect 3 stack: SSO for people, credentials for machines.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('init')
    .description('render a complete stack (docker-compose.yml, proxy, oauth2-proxy, Keycloak realm, client profiles)')
    .addOption(new Option('--preset <name>', 'render a built-in spec').choices(PRESET_NAMES))
    .option('-c, --config <file>', 'render from a spec file (prefect-secure.yaml)')
    .option('-o, --out <dir>', 'folder to write the stack into', './prefect-stack')
    .addHelpText('after', '\nExamples:\n  prefect-secure init --preset local\n  prefect-secure init --config prefect-secure.yaml --out ./stack\n')
    .action((options) => setCode(runInit(options, io)));

  program
    .command('schema')
    .description("print the spec's JSON Schema (for editors and CI validation)")
    .action(() => setCode(runSchema(io)));

  return program;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      io.err(userErrorText(io, error));
      return 2;
    }
    io.err(internalErrorText(error as Error));
    if (io.env.PREFECT_SECURE_DEBUG) io.err(`${(error as Error).stack}\n`);
    return 1;
  }
}
