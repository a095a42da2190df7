/** What `init` tells the person (or the pipeline, with --json) after it ran. */
import { relative } from 'node:path';
import type { Generated } from '../generate.js';
import type { FollowUpStep } from '../plan/types.js';
import { paint, type Io } from '../io.js';
import { isWrite, type FileChange } from '../stack/changes.js';
import { MANIFEST_PATH } from '../stack/manifest.js';
import { stackDiagram } from '../diagram/index.js';
import { listText } from '../util/listText.js';
import { printable } from '../util/printable.js';
import { shellQuote } from '../util/shellQuote.js';
import { wrap } from '../util/wrap.js';
import type { UnresolvedNames } from './localNames.js';

/** The folder as the person named it, relative to where they are; printable whatever its name holds. */
function shownDir(io: Io, outDir: string): string {
  return printable(relative(io.cwd, outDir) || '.');
}

export function nextSteps(io: Io, outDir: string, generated: Generated): string[] {
  const provided = generated.plan.provided;
  return [
    // Files the stack needs that only the person can give (TLS certificates) come first.
    ...[...new Set(provided.map((f) => f.section))].map((section) => {
      const files = provided.filter((f) => f.section === section);
      return `put ${listText(files.map((f) => `${f.what} at ${f.path}`))} in ${shownDir(io, outDir)} (NEXT_STEPS.md, "${section}")`;
    }),
    ...generated.plan.beforeStart.map((command) => `in ${shownDir(io, outDir)}: ${command}`),
    `cd ${shellQuote(shownDir(io, outDir))} && docker compose up -d`,
    `open ${generated.plan.urls.ui}`,
    ...generated.plan.firstSignIn,
    'read NEXT_STEPS.md: credentials, who may sign in, connecting workers and CI',
    `check the stack: npx prefect-secure doctor ${shellQuote(shownDir(io, outDir))}`,
  ];
}

/**
 * Services to recreate after a re-render: those using a rotated secret, and
 * those with a changed bind-mounted file (a container keeps the old inode of
 * a single-file mount, and a bundled identity provider imports its realm only into a new container).
 */
export function servicesToRestart(generated: Generated, rotated: string[], changes: FileChange[]): string[] {
  const services = new Set<string>();
  for (const secret of generated.plan.secrets) if (rotated.includes(secret.name)) secret.usedBy.forEach((s) => services.add(s));
  const changed = changes.filter((c) => c.action !== 'unchanged' && c.action !== 'keep' && c.action !== 'conflict').map((c) => c.path);
  for (const service of generated.plan.services) {
    for (const volume of service.volumes) {
      if (volume.type !== 'bind') continue;
      const source = volume.source.replace(/^\.\//, '');
      if (changed.some((path) => path === source || path.startsWith(`${source}/`))) services.add(service.name);
    }
  }
  return [...services].sort();
}

function applyCommands(restart: string[], changes: FileChange[]): string[] {
  const commands: string[] = [];
  if (changes.some((c) => ['docker-compose.yml', '.env'].includes(c.path) && !['unchanged', 'keep', 'conflict'].includes(c.action))) {
    commands.push('docker compose up -d');
  }
  if (restart.length > 0) commands.push(`docker compose up -d --force-recreate ${restart.join(' ')}`);
  return commands;
}

/** Each step once, `before` steps first, and a step marked `last` after the others of its kind. */
export function followUpSteps(steps: FollowUpStep[]): FollowUpStep[] {
  const unique = [...new Map(steps.map((step) => [JSON.stringify(step), step])).values()];
  const rank = (step: FollowUpStep) => (step.when === 'before' ? 0 : 2) + (step.last ? 1 : 0);
  return unique.map((step, index) => ({ step, index })).sort((a, b) => rank(a.step) - rank(b.step) || a.index - b.index).map(({ step }) => step);
}

function stepLines(step: FollowUpStep): string[] {
  return [`  - ${step.text}`, ...(step.command ? [`      ${step.command}`] : []), ...(step.then ? [`    then: ${step.then}`] : [])];
}

export function reportInit(
  io: Io,
  r: { outDir: string; generated: Generated; changes: FileChange[]; existed: boolean; json: boolean; rotated: string[]; unresolved?: UnresolvedNames | undefined },
): string {
  const { plan, files } = r.generated;
  const action = new Map(r.changes.map((c) => [c.path, c.action]));
  const restart = r.existed ? servicesToRestart(r.generated, r.rotated, r.changes) : [];
  const apply = r.existed ? applyCommands(restart, r.changes) : [];
  // What else a rotated secret needs (a database keeps its old password): the same steps for people and scripts.
  // A changed file some service keeps its own copy of (Keycloak's realm) needs its step too.
  const changedFiles = r.existed ? plan.files.filter((f) => f.afterChange && ['update', 'overwrite'].includes(action.get(f.path) ?? '')) : [];
  const followUps = followUpSteps([
    ...plan.secrets.filter((s) => r.rotated.includes(s.name)).map((s) => s.afterRotate),
    ...changedFiles.map((f) => f.afterChange!),
  ]);
  if (r.json) {
    return `${JSON.stringify(
      {
        ok: true,
        outDir: r.outDir,
        project: plan.project,
        files: plan.files.map((f) => ({ path: f.path, mode: `0${(files.get(f.path)!.mode & 0o777).toString(8)}`, secret: f.secret, action: action.get(f.path) ?? 'create' })),
        urls: plan.urls,
        warnings: plan.warnings,
        unresolvedNames: r.unresolved ?? null,
        rotated: r.rotated,
        restart,
        apply,
        followUps,
        nextSteps: nextSteps(io, r.outDir, r.generated),
        diagram: stackDiagram(plan),
      },
      null,
      2,
    )}\n`;
  }
  const c = paint(io);
  const written = r.changes.filter((ch) => ch.path !== MANIFEST_PATH && isWrite(ch));
  const head = !r.existed
    ? `${c.green('✔')} Rendered the ${c.bold(plan.project)} stack into ${c.bold(shownDir(io, r.outDir))}/`
    : written.length === 0
      ? `${c.green('✔')} ${c.bold(shownDir(io, r.outDir))}/ is up to date; nothing changed.`
      : `${c.green('✔')} Re-rendered ${c.bold(shownDir(io, r.outDir))}/: ${written.length} file(s) changed.`;
  const lines = [head, ''];
  for (const file of plan.files) {
    const mode = (files.get(file.path)!.mode & 0o777).toString(8);
    const what = action.get(file.path) ?? 'create';
    const tag = r.existed ? c.dim(what.padEnd(10)) : '';
    lines.push(`  ${tag}${file.path.padEnd(34)} ${c.dim(mode)}  ${c.dim(file.secret ? 'secrets, git-ignored' : file.gitIgnored ? 'git-ignored' : '')}`.trimEnd());
  }
  for (const removed of r.changes.filter((ch) => ch.action === 'remove')) lines.push(`  ${c.dim('remove'.padEnd(10))}${removed.path}`);
  lines.push('', `  UI (SSO)        ${plan.urls.ui}`, `  API (machines)  ${plan.urls.machineApi}`, ...(plan.urls.issuer ? [`  Issuer          ${plan.urls.issuer}`] : []), '');
  for (const warning of plan.warnings) lines.push(`${c.yellow('!')} ${warning}`, '');
  if (r.unresolved) {
    const { names, hostsLine } = r.unresolved;
    const said = `${listText(names)} ${names.length === 1 ? 'does' : 'do'} not resolve to this computer here (offline, or a resolver that drops private answers). Add this line to /etc/hosts; nothing else needs DNS:`;
    lines.push(`${c.yellow('!')} ${wrap(said, 78, '  ')}`, `    ${hostsLine}`, '');
  }
  if (r.rotated.length > 0) lines.push(`Rotated: ${r.rotated.join(', ')}`);
  const before = followUps.filter((step) => step.when === 'before');
  const after = followUps.filter((step) => step.when === 'after');
  if (before.length > 0) {
    lines.push(`First, while the running stack still has the old values, in ${shownDir(io, r.outDir)}/:`, ...before.flatMap(stepLines), '');
  }
  if (apply.length > 0) {
    lines.push('Apply the changes to a running stack:', ...apply.map((command) => `  ${command}`), '');
  }
  if (after.length > 0) lines.push(before.length + apply.length > 0 ? 'Then:' : 'Also:', ...after.flatMap(stepLines), '');
  if (!r.existed) lines.push('Next:', ...nextSteps(io, r.outDir, r.generated).map((s) => `  ${s}`));
  const secretFiles = [...r.generated.plan.files.filter((f) => f.secret).map((f) => f.path)];
  lines.push(`Secrets are in ${listText(secretFiles)} (mode 0600); none was printed.`, '');
  return lines.join('\n');
}

/** Diffs load their library only when a diff is shown. */
export async function reportChanges(
  io: Io,
  r: { outDir: string; changes: FileChange[]; generated: Generated; mode: 'check' | 'dry-run' | 'conflict'; json: boolean },
): Promise<string> {
  const visible = r.changes.filter((ch) => ch.path !== MANIFEST_PATH);
  const changed = visible.filter((ch) => ch.action !== 'unchanged');
  if (r.json) {
    return `${JSON.stringify(
      {
        ok: r.mode !== 'conflict' && !(r.mode === 'check' && changed.length > 0),
        mode: r.mode,
        outDir: r.outDir,
        changes: visible.map((ch) => ({ path: ch.path, action: ch.action, secret: ch.secret })),
      },
      null,
      2,
    )}\n`;
  }
  const c = paint(io);
  const lines: string[] = [];
  if (changed.length === 0) {
    lines.push(`${c.green('✔')} ${shownDir(io, r.outDir)}/ matches the spec; a render would change nothing.`);
    return `${lines.join('\n')}\n`;
  }
  const verb = r.mode === 'check' ? 'would change' : r.mode === 'dry-run' ? 'would be written (dry run: nothing was written)' : 'would change';
  lines.push(`${changed.length} file(s) in ${shownDir(io, r.outDir)}/ ${verb}:`);
  // Padded before colouring, so escape codes do not shift the columns.
  for (const ch of changed) lines.push(`  ${(ch.action === 'conflict' ? c.red : c.yellow)(ch.action.padEnd(10))}${ch.path}`);
  lines.push('');
  const { fileDiff } = await import('../util/diff.js');
  for (const ch of changed) {
    if (ch.action === 'keep') continue;
    lines.push(fileDiff(ch.path, ch.before, ch.action === 'remove' ? undefined : ch.after, ch.secret));
  }
  return `${lines.join('\n')}\n`;
}
