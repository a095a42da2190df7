/**
 * `init`: spec (preset, file, flags, or the wizard) -> plan -> render ->
 * validate -> write. Re-rendering an existing stack reuses its secrets,
 * protects files edited by hand, and writes all-or-nothing.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { COMMAND_LINE, UserError } from '../errors.js';
import { generateStack } from '../generate.js';
import { buildPlan } from '../plan/index.js';
import type { Io } from '../io.js';
import { gitIgnored, SPEC_FILE } from '../components/core/files.js';
import { cryptoRandom, type RandomSource } from '../secrets/random.js';
import { canonicalSpec } from '../config/canonical.js';
import { buildDraft, unsetFields, type DraftFlags } from '../config/draft.js';
import { validateSpec } from '../config/validate.js';
import { getPath, setPath, SPEC_FIELDS, valueText } from '../config/fields.js';
import type { Spec, SpecInput } from '../config/schema.js';
import { load as parseYaml } from 'js-yaml';
import { planChanges } from '../stack/changes.js';
import { readExistingStack } from '../stack/existing.js';
import { buildManifest, manifestText, MANIFEST_PATH } from '../stack/manifest.js';
import { VERSION } from '../version.js';
import { assertNotAFile, writeStackAtomic } from '../write/atomic.js';
import { lockStack } from '../write/lock.js';
import { applyChanges, interrupted, recoverInterrupted, realFs, type FsOps } from '../write/transaction.js';
import { reportChanges, reportInit } from './initReport.js';
import { unresolvedLocalNames } from './localNames.js';
import { listText } from '../util/listText.js';

export interface InitOptions extends Omit<DraftFlags, 'fields'> {
  out: string;
  /** How the command line names the stack folder in messages (render: DIR, rotate: --dir). */
  outLabel?: string;
  yes?: boolean;
  json?: boolean;
  check?: boolean;
  dryRun?: boolean;
  force?: boolean;
  /** Secrets to generate anew (rotate). */
  rotate?: string[];
  fields?: Record<string, unknown>;
}

export interface InitDeps {
  random?: RandomSource;
  fs?: FsOps;
  /** Which public names do not resolve here (a stand-in for the real lookup in tests). */
  unresolvedNames?: typeof unresolvedLocalNames;
  /** Asks the unset fields; undefined when the person backs out. */
  wizard?: (draft: Partial<SpecInput>, summary: (spec: SpecInput) => string) => Promise<SpecInput | undefined>;
}

let defaults: ReturnType<typeof validateSpec> | undefined;
/** The spec's defaults, computed on first use (not at start-up). */
function defaultOf(path: string): unknown {
  defaults ??= validateSpec({ version: 1 });
  return getPath(defaults, path);
}

function missingFieldsError(fields: ReturnType<typeof unsetFields>, reason: string): UserError {
  return new UserError(
    fields.map((field) => {
      const shown = field.derivedDefault ?? valueText(defaultOf(field.path));
      const via = field.flag ? `${field.flag} <value> (or --set ${field.path}=<value>)` : `--set ${field.path}=<value>`;
      return { path: field.path, ...(field.flag ? { flag: field.flag } : {}), message: `is not set, and ${reason}`, fix: `pass ${via}, give --config or --preset, or add --yes to accept the default (${shown})` };
    }),
    COMMAND_LINE,
  );
}

export async function runInit(options: InitOptions, io: Io, deps: InitDeps = {}): Promise<number> {
  const outDir = resolve(io.cwd, options.out);
  assertNotAFile(outDir);
  // One run at a time on a stack that exists; a new stack appears in one rename.
  const release = existsSync(join(outDir, '.prefect-secure')) ? lockStack(outDir, options.out) : undefined;
  try {
    return await runInitLocked(options, io, deps, outDir);
  } finally {
    release?.();
  }
}

async function runInitLocked(options: InitOptions, io: Io, deps: InitDeps, outDir: string): Promise<number> {
  const random = deps.random ?? cryptoRandom;
  const ops = deps.fs ?? realFs;
  if (options.check || options.dryRun) {
    // These write nothing, not even a recovery.
    if (interrupted(outDir, ops)) {
      throw new UserError([
        { path: options.out, message: 'holds a change an earlier run left half done', fix: `run prefect-secure render ${options.out} (without --check or --dry-run) to restore it first` },
      ]);
    }
  } else if (recoverInterrupted(outDir, ops)) {
    io.err(`A previous run was interrupted; ${options.out} was restored to its state before it.\n`);
  }
  const existing = readExistingStack(outDir, options.outLabel ?? '--out');
  const draft = await buildDraft({ ...options, fields: options.fields ?? {} }, io.cwd);

  let input: SpecInput = draft.input as SpecInput;
  const unset = unsetFields(draft);
  if (options.yes) {
    // Accept the default of every decided field left unset, as the wizard would offer it.
    // A derived default (client profiles: one per machine user) is left to the schema.
    for (const field of unset) if (!field.derivedDefault) input = setPath(input, field.path, defaultOf(field.path));
  } else if (unset.length > 0) {
    const interactive = io.isTTY && io.env.CI !== 'true' && !options.json && !options.check && !options.dryRun && deps.wizard;
    if (!interactive) {
      throw missingFieldsError(unset, io.env.CI === 'true' ? 'CI=true forbids prompting' : 'there is no terminal to ask in');
    }
    // A bad flag is reported now, not after a whole wizard run.
    rejectBadGivenFields(input, unset.map((field) => field.path));
    const answered = await deps.wizard!(draft.input, (spec) => summaryFor(spec, outDir, io.cwd));
    if (!answered) {
      io.err('Stopped; nothing was written.\n');
      return 1;
    }
    input = answered;
  }
  const spec = options.config ? validateSpec(input, options.config) : validateCommandLine(input);

  const sourceIsOwnSpec = options.config !== undefined && samePath(resolve(io.cwd, options.config), resolve(outDir, SPEC_FILE));
  if (existing && !sourceIsOwnSpec && !options.force && !options.check && !options.dryRun) refuseReplacingSpec(existing, spec, options.out);
  if (sourceIsOwnSpec && draft.configText === undefined) {
    io.err(`Note: flags changed the spec, so ${join(options.out, SPEC_FILE)} is rewritten in full (its comments are not kept).\n`);
  }
  const generated = generateStack({
    spec,
    specSource: sourceIsOwnSpec && draft.configText !== undefined ? { text: draft.configText } : { input: canonicalSpec(spec) },
    random,
    env: io.env,
    ...(existing ? { existingSecrets: existing.secrets, existingFile: existing.read } : {}),
    ...(options.rotate ? { rotate: options.rotate } : {}),
    ...(options.check ? { allowUnsetEnv: true } : {}),
  });
  if (existing && !options.check && !options.dryRun) refuseLostSecrets(existing, generated, options);
  const files = new Map(generated.files);
  files.set(MANIFEST_PATH, { content: manifestText(buildManifest(VERSION, generated.files)), mode: 0o644 });

  const changes = planChanges(files, existing, {
    force: Boolean(options.force),
    // Never shown in a diff: secrets, and the hashes of passwords people chose.
    secretPaths: new Set(gitIgnored(generated.plan.files)),
    ...(sourceIsOwnSpec ? { source: { path: SPEC_FILE, rewrite: draft.configText === undefined } } : {}),
  });
  // The manifest follows the files; it is never a conflict of its own.
  for (const change of changes) if (change.path === MANIFEST_PATH && change.action === 'conflict') change.action = 'overwrite';

  const conflicts = changes.filter((c) => c.action === 'conflict');

  if (options.check) {
    // A checkout holds no git-ignored file (.env, profiles, htpasswd): their absence is not drift.
    // Where a chosen password is not set here (CI), the git-ignored files that may hold it
    // cannot be compared; every secret lives only in git-ignored files, so the rest can.
    const ignored = new Set(gitIgnored(generated.plan.files));
    // Without .env (a checkout) the secrets are new ones, so neither can those files be compared.
    const unknown = [...generated.unsetEnv, ...(existing && existing.read('.env') === undefined ? ['.env'] : [])];
    const drift = changes.filter((c) => !(ignored.has(c.path) && (c.action === 'create' || unknown.length > 0)));
    const present = [...ignored].filter((path) => existing?.read(path) !== undefined);
    if (unknown.length > 0 && present.length > 0 && !options.json) {
      io.err(`Note: ${listText(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not ${unknown.includes('.env') ? 'here' : 'set here'}, so the git-ignored files (${listText(present)}) were not compared.\n`);
    }
    io.out(await reportChanges(io, { outDir, changes: drift, generated, mode: 'check', json: Boolean(options.json) }));
    return drift.some((c) => c.path !== MANIFEST_PATH && c.action !== 'unchanged') ? 1 : 0;
  }
  if (options.dryRun) {
    io.out(await reportChanges(io, { outDir, changes, generated, mode: 'dry-run', json: Boolean(options.json) }));
    return 0;
  }
  if (conflicts.length > 0) {
    io.out(await reportChanges(io, { outDir, changes, generated, mode: 'conflict', json: Boolean(options.json) }));
    throw new UserError(
      conflicts.map((c) => ({
        path: c.path,
        message: 'was edited by hand since prefect-secure wrote it; the diff above shows what a re-render would change',
        fix: 'keep your edit by moving it into the spec, or re-run with --force to overwrite it',
      })),
      options.out,
    );
  }

  const names = (deps.unresolvedNames ?? unresolvedLocalNames)(generated.plan);
  if (existing) applyChanges(outDir, changes, ops);
  else writeStackAtomic(outDir, files);
  const unresolved = await names;
  io.out(reportInit(io, { outDir, generated, changes, existed: Boolean(existing), json: Boolean(options.json), rotated: options.rotate ?? [], unresolved }));
  return 0;
}

/**
 * init on a folder that holds a stack: a spec from elsewhere (a preset, a
 * file, the wizard) would replace the stack's own and revert what was
 * changed in it. The same spec is a plain re-render; a different one needs
 * --force.
 */
function refuseReplacingSpec(existing: NonNullable<ReturnType<typeof readExistingStack>>, spec: Spec, out: string): void {
  const text = existing.read(SPEC_FILE);
  let current: Spec | undefined;
  try {
    current = text === undefined ? undefined : validateSpec(parseYaml(text), SPEC_FILE);
  } catch {
    current = undefined;
  }
  const differing = current ? differingFields(canonicalSpec(current), canonicalSpec(spec)) : ['(the stack has no readable prefect-secure.yaml)'];
  if (differing.length === 0) return;
  const shown = differing.slice(0, 4).join('; ') + (differing.length > 4 ? `; and ${differing.length - 4} more` : '');
  throw new UserError([
    {
      path: out,
      message: `already holds a stack, rendered from its own ${SPEC_FILE}; this spec differs from it (${shown}), so init would revert those changes`,
      fix: `to change the stack, edit ${join(out, SPEC_FILE)} and run prefect-secure render ${out} (or give flags against its own spec: prefect-secure init --config ${join(out, SPEC_FILE)} --out ${out} <flags>); to replace its spec with this one, add --force; or choose another --out`,
    },
  ]);
}

/** The leaf fields whose values differ, as `path: old -> new`. */
function differingFields(before: unknown, after: unknown, path = ''): string[] {
  const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isMap(before) && isMap(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => differingFields(before[key], after[key], path ? `${path}.${key}` : key));
  }
  const text = (v: unknown) => (v === undefined ? '(unset)' : isMap(v) || Array.isArray(v) ? JSON.stringify(v) : String(v));
  return text(before) === text(after) ? [] : [`${path}: ${text(before)} -> ${text(after)}`];
}

/**
 * `.env` was rendered into this stack and is gone: new secrets would not
 * match what the running stack keeps (the database volume holds the old
 * password). Only a rotation of every generated secret, which says what
 * else each one needs, may write new ones.
 */
function refuseLostSecrets(existing: NonNullable<ReturnType<typeof readExistingStack>>, generated: ReturnType<typeof generateStack>, options: InitOptions): void {
  if (!existing.manifest.files['.env'] || existing.read('.env') !== undefined) return;
  const generatedNames = generated.plan.secrets.filter((s) => 'generate' in s.source).map((s) => s.name);
  if (generatedNames.every((name) => options.rotate?.includes(name))) return;
  const dir = options.out;
  throw new UserError([
    {
      path: join(dir, '.env'),
      message: 'is missing, though this stack was rendered with it: new secrets would not match what a stack that ran keeps (its database volume holds the old password)',
      fix: `restore .env from your backup and run again; or, on a machine where this stack never ran (or to start over), run prefect-secure rotate all --dir ${dir}, which says what else each new secret needs`,
    },
  ]);
}

/** Whether two paths name the same file, links resolved. */
function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}

/**
 * Checks the fields flags or --set already gave, with defaults standing in
 * for the rest; reports only problems of the given fields.
 */
function rejectBadGivenFields(input: SpecInput, unsetPaths: string[]): void {
  let candidate: SpecInput = input;
  for (const path of unsetPaths) if (!SPEC_FIELDS.find((f) => f.path === path)?.derivedDefault) candidate = setPath(candidate, path, defaultOf(path));
  try {
    validateCommandLine(candidate);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const given = error.problems.filter((problem) => getPath(input, problem.path.replace(/\[\d+\]/g, '').split('.').slice(0, 2).join('.')) !== undefined);
    if (given.length > 0) throw new UserError(given, COMMAND_LINE);
  }
}

/**
 * The spec as flags and --set gave it: a problem names the flag that sets the
 * field and what was typed (spec values are never secrets: passwords are
 * env:NAME references).
 */
function validateCommandLine(input: SpecInput) {
  try {
    return validateSpec(input, COMMAND_LINE);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const problems = error.problems.map((problem) => {
      // clients.profiles[1] is set by --profiles: the flag of the field the path is in.
      const field = SPEC_FIELDS.find((f) => f.path === problem.path.replace(/\[\d+\]$/, ''));
      if (!field) return problem;
      const value = getPath(input, problem.path);
      // The typed value leads the message, unless the message quotes it already.
      const quoted = JSON.stringify(value);
      const typed = (typeof value === 'string' || typeof value === 'number') && !problem.message.startsWith(quoted) ? `${quoted} ` : '';
      return { ...problem, flag: field.flag ?? `--set ${field.path}`, message: `${typed}${problem.message}` };
    });
    throw new UserError(problems, error.source);
  }
}

/** What the wizard shows before its confirm: the files and where they go. */
function summaryFor(input: SpecInput, outDir: string, cwd: string): string {
  const plan = buildPlan(validateSpec(input));
  const lines = [`Will write ${plan.files.length} files into ${relative(cwd, outDir) || '.'}/:`];
  for (const file of plan.files) lines.push(`  ${file.path}${file.secret ? '  (secrets, mode 0600, git-ignored)' : ''}`);
  lines.push('', `  UI (SSO)        ${plan.urls.ui}`, `  API (machines)  ${plan.urls.machineApi}`);
  return `${lines.join('\n')}\n`;
}
