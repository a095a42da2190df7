/** All terminal wording of the CLI. */
import { relative } from 'node:path';
import type { Problem, UserError } from './errors.js';
import { paint, type Io } from './io.js';
import { wrap } from './util/wrap.js';
import type { Generated } from './generate.js';

function problemLine(io: Io, source: string | undefined, problem: Problem): string {
  const c = paint(io);
  const where = [source && `${source}${problem.line ? `:${problem.line}` : ''}`, problem.path].filter(Boolean).join(' ');
  // Wrapped before colouring, so the escape codes do not count as columns.
  const head = wrap(`  ✖ ${where || 'input'}: ${problem.message}`, 80, '      ');
  const fix = problem.fix ? `\n${wrap(`    fix: ${problem.fix}`, 80, '         ').replace('fix:', c.dim('fix:'))}` : '';
  return `${head.replace('✖', c.red('✖'))}${fix}\n`;
}

export function userErrorText(io: Io, error: UserError): string {
  const count = error.problems.length;
  const head = `${paint(io).red('error')}: ${count === 1 ? 'one problem' : `${count} problems`}${error.source ? ` in ${error.source}` : ''}; nothing was written.\n`;
  return head + error.problems.map((p) => problemLine(io, error.source, p)).join('');
}

export function internalErrorText(error: Error): string {
  return `prefect-secure: internal error: ${error.message}\nThis is a bug in prefect-secure; please report it with the command you ran (set PREFECT_SECURE_DEBUG=1 for details).\n`;
}

export function initSummary(io: Io, outDir: string, generated: Generated): string {
  const c = paint(io);
  const { plan, files } = generated;
  const shown = relative(io.cwd, outDir) || '.';
  const lines = [`${c.green('✔')} Rendered the ${c.bold(plan.project)} stack into ${c.bold(shown)}/`, ''];
  for (const file of plan.files) {
    const mode = (files.get(file.path)!.mode & 0o777).toString(8);
    lines.push(`  ${file.path.padEnd(34)} ${c.dim(mode)}  ${c.dim(file.secret ? 'secret, git-ignored' : '')}`.trimEnd());
  }
  lines.push(
    '',
    `  UI (SSO)        ${plan.urls.ui}`,
    `  API (machines)  ${plan.urls.machineApi}`,
    `  Issuer          ${plan.urls.issuer}`,
    '',
    'Next:',
    `  cd ${shown} && docker compose up -d`,
    `  then open ${plan.urls.ui} and read NEXT_STEPS.md`,
    'Secrets are in .env and prefect/profiles.toml (mode 0600); none was printed.',
    '',
  );
  return lines.join('\n');
}
