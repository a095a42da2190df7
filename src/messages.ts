/** All terminal wording of the CLI. */
import { COMMAND_LINE, type Problem, type UserError } from './errors.js';
import { paint, type Io } from './io.js';
import { printable } from './util/printable.js';
import { wrap } from './util/wrap.js';

function problemLine(io: Io, source: string | undefined, problem: Problem): string {
  const c = paint(io);
  const path = problem.flag ? `${problem.flag}${problem.flag.endsWith(problem.path) ? '' : ` (${problem.path})`}` : problem.path;
  const where = [source !== COMMAND_LINE && source && `${source}${problem.line ? `:${problem.line}` : ''}`, path].filter(Boolean).join(' ');
  // Wrapped before colouring, so the escape codes do not count as columns.
  const head = wrap(`  ✖ ${where || 'input'}: ${problem.message}`, 80, '      ');
  const fix = problem.fix ? `\n${wrap(`    fix: ${problem.fix}`, 80, '         ').replace('fix:', c.dim('fix:'))}` : '';
  return `${head.replace('✖', c.red('✖'))}${fix}\n`;
}

export function userErrorText(io: Io, error: UserError): string {
  const count = error.problems.length;
  const head = `${paint(io).red('error')}: ${count === 1 ? 'one problem' : `${count} problems`}${error.source ? ` in ${printable(error.source)}` : ''}; nothing was written.\n`;
  // Paths, messages and fixes quote input (unknown keys, file names): shown, never interpreted by the terminal.
  const shown = (p: Problem): Problem => ({ ...p, path: printable(p.path), message: printable(p.message), ...(p.fix ? { fix: printable(p.fix) } : {}) });
  return head + error.problems.map((p) => problemLine(io, error.source && printable(error.source), shown(p))).join('');
}

export function internalErrorText(error: Error): string {
  return `prefect-secure: internal error: ${error.message}\nThis is a bug in prefect-secure; please report it with the command you ran (set PREFECT_SECURE_DEBUG=1 for details).\n`;
}
