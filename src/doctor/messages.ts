/** All terminal wording of `prefect-secure doctor`. Findings are data; this lays them out. */
import { printable } from '../util/printable.js';
import { paint, type Io } from '../io.js';
import { wrap } from '../util/wrap.js';
import type { Summary } from './report.js';
import type { CheckResult, Finding } from './types.js';

// An 80-column terminal is the narrowest we promise to fit.
const WIDTH = 80;

export function headerText(io: Io, directory: string, files: string[]): string {
  const c = paint(io);
  // Folder and file names come from the disk: shown, never interpreted by the terminal.
  const names = files.map(printable);
  const shown = names.length <= 6 ? names.join(', ') : `${names.slice(0, 6).join(', ')} and ${names.length - 6} more`;
  return `${c.bold('prefect-secure doctor')} ${printable(directory)}\n${c.dim(wrap(`read ${files.length} file${files.length === 1 ? '' : 's'}: ${shown}`, WIDTH, '  '))}\n\n`;
}

/** The title after the id, shortened with … so the line fits the width. */
function fitTitle(id: string, title: string, suffix: string): string {
  const room = WIDTH - (4 + id.length + 3) - (suffix ? suffix.length + 1 : 0);
  const text = title.length <= room ? title : `${title.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
  return `— ${text}`;
}

export function checkLine(io: Io, result: CheckResult): string {
  const c = paint(io);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const count = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  switch (result.status) {
    case 'passed':
      return `  ${c.green('✔')} ${result.id} ${c.dim(fitTitle(result.id, result.title, ''))}\n`;
    case 'failed':
      return `  ${c.red('✖')} ${result.id} ${c.dim(fitTitle(result.id, result.title, `(${count})`))} ${c.red(`(${count})`)}\n`;
    case 'warned':
      return `  ${c.yellow('!')} ${result.id} ${c.dim(fitTitle(result.id, result.title, `(${count})`))} ${c.yellow(`(${count})`)}\n`;
    case 'crashed':
      return `  ${c.red('✖')} ${result.id} ${c.red('crashed')}\n`;
    case 'skipped':
      return `  ${c.dim(`- ${result.id} — not applicable (nothing here it reads)`)}\n`;
  }
}

function findingBlock(io: Io, finding: Finding): string {
  const c = paint(io);
  const mark = finding.severity === 'error' ? c.red('✖') : c.yellow('!');
  // Findings quote the files read: shown, never interpreted by the terminal.
  const where = finding.file ? `${printable(finding.file)}${finding.line ? `:${finding.line}` : ''}` : '(stack)';
  const lines = [`  ${mark} ${c.bold(where)}  ${c.dim(`[${finding.id}]`)}`, wrap(`    ${printable(finding.message)}`, WIDTH, '    ')];
  if (finding.why) lines.push(wrap(`    why: ${printable(finding.why)}`, WIDTH, '         ').replace('why:', c.dim('why:')));
  if (finding.fix) lines.push(wrap(`    fix: ${printable(finding.fix)}`, WIDTH, '         ').replace('fix:', c.cyan('fix:')));
  return `${lines.join('\n')}\n`;
}

/** Findings grouped by severity, errors first. `findings` must already be sorted. */
export function findingsText(io: Io, findings: Finding[]): string {
  const c = paint(io);
  const out: string[] = [];
  for (const [severity, title] of [['error', 'Errors'], ['warning', 'Warnings']] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`\n${c.bold(title)} (${group.length})\n`, ...group.map((f) => `\n${findingBlock(io, f)}`));
  }
  return out.join('');
}

/** The last line, in a fixed form so scripts can read it. */
export function summaryLine(io: Io, summary: Summary): string {
  const c = paint(io);
  const line = `${summary.errors} errors, ${summary.warnings} warnings, ${summary.passed} checks passed`;
  return `\n${summary.errors > 0 ? c.red(line) : summary.warnings > 0 ? c.yellow(line) : c.green(line)}\n`;
}

export function usageErrorText(io: Io, message: string, fix?: string): string {
  const c = paint(io);
  return `${c.red('error')}: ${wrap(printable(message), WIDTH, '  ')}\n${fix ? `${wrap(`  ${c.dim('fix:')} ${printable(fix)}`, WIDTH, '       ')}\n` : ''}`;
}

export const NOTHING_TO_CHECK_FIX = "run doctor in your stack's folder (prefect-secure doctor ./prefect-stack), or render one with prefect-secure init --preset local";

export function nothingToCheckText(io: Io, directory: string, lookedFor: string[]): string {
  const c = paint(io);
  return [
    `${c.red('error')}: nothing to check in ${directory}. doctor looked for:`,
    ...lookedFor.map((l) => `    - ${l}`),
    `  ${c.dim('fix:')} ${NOTHING_TO_CHECK_FIX}`,
    '',
  ].join('\n');
}

export function unknownIds(unknown: { id: string; suggestion?: string }[]): { message: string; fix: string } {
  const list = unknown.map((u) => `"${u.id}"${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}`).join(', ');
  return { message: `no check is called ${list}`, fix: 'see the check ids in the README (Doctor section), or run doctor without --only/--skip to list them all' };
}

export function unknownIdsText(io: Io, unknown: { id: string; suggestion?: string }[]): string {
  const { message, fix } = unknownIds(unknown);
  return usageErrorText(io, message, fix);
}

export function liveNoteText(io: Io, note: string): string {
  return `${paint(io).dim(`  (${note})`)}\n`;
}
