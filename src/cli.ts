/**
 * Entry point: parses arguments, runs a command, maps errors to exit codes.
 * 0 success; 1 findings (doctor) or an internal error; 2 bad input or usage.
 * A user's mistake never prints a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { join, resolve } from 'node:path';
import { addFieldOptions, collect, initOptions, INIT_EXAMPLES } from './commands/initFlags.js';
import { SPEC_FILE } from './components/core/files.js';
import { usageErrorReport } from './doctor/usageError.js';
import { fromFsError, UserError } from './errors.js';
import { processIo, type Io } from './io.js';
import { internalErrorText, userErrorText } from './messages.js';
import { PRESET_NAMES } from './config/presets.js';
import { VERSION } from './version.js';

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command()
    .name('prefect-secure')
    .description('Render and check a secure self-hosted Prefect 3 stack: SSO for people, credentials for machines.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  const init = program
    .command('init')
    .description('render a complete stack (docker-compose.yml, proxy, oauth2-proxy, Keycloak realm, client profiles); asks in a terminal, never in CI')
    .addOption(new Option('--preset <name>', 'start from a built-in spec').choices(PRESET_NAMES))
    .option('-c, --config <file>', 'start from a spec file (prefect-secure.yaml)');
  addFieldOptions(init)
    .option('--set <path=value>', 'set any spec field, e.g. --set hosts.port=9000 (repeatable)', collect, [])
    .option('-o, --out <dir>', 'folder to write the stack into', './prefect-stack')
    .option('-y, --yes', 'accept the default for every field not given; never prompt')
    .option('--json', 'print a machine-readable result')
    .option('--check', 'write nothing; exit 1 when a render would change any file (drift detection)')
    .option('--dry-run', 'write nothing; show what would change, with diffs')
    .option('--force', "overwrite files that were edited by hand; replace the spec of a stack already in --out")
    .addHelpText('after', INIT_EXAMPLES)
    .action(async (options) => {
      // Each command loads its own code, so `--help` or `doctor` never pay for rendering.
      const [{ runInit }, { loadWizard }] = await Promise.all([import('./commands/init.js'), import('./commands/wizardLoader.js')]);
      setCode(await runInit(initOptions(options), io, { wizard: loadWizard(io) }));
    });

  program
    .command('render')
    .description("re-render a stack from its own prefect-secure.yaml (reuses its secrets; protects hand edits)")
    .argument('[dir]', 'the stack folder', '.')
    .option('--check', 'write nothing; exit 1 when a render would change any file')
    .option('--dry-run', 'write nothing; show what would change, with diffs')
    .option('--force', 'overwrite files that were edited by hand')
    .option('--json', 'print a machine-readable result')
    .addHelpText('after', '\nExamples:\n  prefect-secure render\n  prefect-secure render ./prefect-stack --check\n')
    .action(async (dir: string, options) => {
      const [{ runInit }, { assertStackFolder }] = await Promise.all([import('./commands/init.js'), import('./stack/existing.js')]);
      assertStackFolder(resolve(io.cwd, dir), dir, 'DIR');
      setCode(await runInit({ ...options, config: join(dir, SPEC_FILE), out: dir, outLabel: 'DIR' }, io));
    });

  program
    .command('rotate')
    .description('generate chosen secrets anew, re-render the files that use them, and say what to restart')
    .argument('[secrets...]', 'secrets by .env name or alias (cookie-secret, machine:ci, …), or all; with none, lists the ones of this stack')
    .option('-d, --dir <dir>', 'the stack folder', '.')
    .option('--force', 'overwrite files that were edited by hand')
    .option('--json', 'print a machine-readable result')
    .addHelpText('after', '\nExamples:\n  prefect-secure rotate cookie-secret\n  prefect-secure rotate machine:ci machine:worker --dir ./prefect-stack\n')
    .action(async (secrets: string[], options) => {
      const { runRotate } = await import('./commands/rotate.js');
      setCode(await runRotate(secrets, options, io));
    });

  program
    .command('doctor')
    .description('find what is wrong in a Prefect auth stack (compose, proxy, oauth2-proxy, Keycloak, Prefect); --live also probes the endpoints')
    .argument('[dir]', 'the stack folder', '.')
    .option('--live', 'also probe the issuers and /oauth2/start URLs over the network')
    .option('--json', 'print a machine-readable report with a stable, documented schema')
    .option('--diagram', 'print the stack as a Mermaid flowchart with each finding marked, instead of the report')
    .option('--timeout <ms>', 'bound for each live probe, in milliseconds', '5000')
    .option('--only <ids>', 'run only these checks (comma-separated ids)')
    .option('--skip <ids>', 'skip these checks (comma-separated ids)')
    .addHelpText('after', '\nExit codes: 0 no errors, 1 errors found, 2 usage error or nothing to check.\n\nExamples:\n  prefect-secure doctor ./prefect-stack\n  prefect-secure doctor --live --timeout 3000\n  prefect-secure doctor --json --skip secrets-inline > doctor.json\n  prefect-secure doctor --diagram > stack.mmd\n')
    .action(async (dir: string, options) => {
      const { runDoctor } = await import('./commands/doctor.js');
      setCode(await runDoctor(dir, options, io));
    });

  program
    .command('schema')
    .description("print the spec's JSON Schema (for editors and CI validation)")
    .action(async () => {
      const { runSchema } = await import('./commands/schema.js');
      setCode(runSchema(io));
    });

  return program;
}

/** A usage error caught by the argument parser, in the JSON shape of the command that was asked for. */
function jsonUsageError(argv: string[], message: string): object {
  if (argv[0] === 'doctor') return usageErrorReport(VERSION, message, 'prefect-secure doctor --help');
  return { ok: false, source: null, problems: [{ path: null, message, fix: `prefect-secure ${argv[0] ?? ''} --help`.trim() }] };
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
      if (error.exitCode === 0) return 0;
      // A pipeline that asked for JSON gets one on stdout, whatever went wrong.
      if (argv.includes('--json')) io.out(`${JSON.stringify(jsonUsageError(argv, error.message.replace(/^error: /, '')), null, 2)}\n`);
      return 2;
    }
    error = fromFsError(error) ?? error;
    if (error instanceof UserError) {
      io.err(userErrorText(io, error));
      // A pipeline that asked for JSON gets the problems as JSON too.
      if (argv.includes('--json')) io.out(`${JSON.stringify({ ok: false, source: error.source ?? null, problems: error.problems }, null, 2)}\n`);
      return 2;
    }
    io.err(internalErrorText(error as Error));
    if (io.env.PREFECT_SECURE_DEBUG) io.err(`${(error as Error).stack}\n`);
    return 1;
  }
}
