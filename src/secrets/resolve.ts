import { UserError } from '../errors.js';
import type { EnvSource, SecretPlan, SecretValues } from '../plan/types.js';
import { randomToken, type RandomSource } from './random.js';

export type { SecretValues } from '../plan/types.js';

/** What a generated secret may hold when it is reused from .env: URL-safe, JSON-safe, env-file-safe. */
const SAFE_SECRET = /^[A-Za-z0-9_.~-]+$/;
/** What a supplied secret (a provider's client secret) may hold: printable ASCII without quotes, backslashes or spaces, so .env carries it verbatim. */
const SAFE_SUPPLIED = /^[\x21\x23-\x26\x28-\x5b\x5d-\x7e]+$/;

export interface ResolveOptions {
  random: RandomSource;
  /** Values already in the stack's `.env`: reused so a re-render changes nothing. */
  existing?: SecretValues;
  /** Names to generate anew even when they exist (rotation). */
  rotate?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /**
   * A drift check may run where a chosen password is not set (CI): such a
   * secret gets a stand-in value and its name in `unset`, and the caller
   * must not compare the files that hold it.
   */
  allowUnsetEnv?: boolean;
}

/** The shortest password a person may choose for a machine user: the API host is on the network, and every guess is one request. */
export const MIN_CHOSEN_PASSWORD = 16;

/** Why a chosen password cannot be used, or undefined when it can. */
export function chosenPasswordProblem(variable: string, value: string | undefined): string | undefined {
  if (!value) return `the environment variable ${variable} is not set`;
  if (value.length < MIN_CHOSEN_PASSWORD) return `the password in ${variable} has ${value.length} characters; a machine password needs at least ${MIN_CHOSEN_PASSWORD}`;
  return undefined;
}

/** Why a supplied value cannot be used, or undefined when it can. */
function suppliedProblem(source: EnvSource, value: string | undefined): string | undefined {
  if (!source.store) return chosenPasswordProblem(source.env, value);
  if (!value) return `the environment variable ${source.env} is not set`;
  if (value.length < source.minLength) return `the value in ${source.env} has ${value.length} characters; ${source.holds} has at least ${source.minLength}`;
  if (!SAFE_SUPPLIED.test(value)) return `the value in ${source.env} holds a space, quote, backslash or non-ASCII character; ${source.charsetHint ?? `${source.holds} as the provider shows it has none (copy it again)`}`;
  const forbidden = source.forbidden && [...value].find((c) => source.forbidden!.chars.includes(c));
  if (forbidden) return `the value in ${source.env} holds "${forbidden}", which ${source.forbidden!.why}; choose one without ${[...source.forbidden!.chars].join(' ')}`;
  return undefined;
}

/** Stands in for a chosen password that is not in this environment; never written. */
const UNSET_STAND_IN = 'unset-chosen-password';

/**
 * A chosen password's variable must be its own: docker compose fills every
 * `${NAME}` of the compose file from the shell before .env, so a variable
 * named like a secret of the stack (or shared by two users) would silently
 * make the chosen password that other secret too.
 */
function sharedVariables(secrets: SecretPlan[]): { variable: string; field: string; problem: string }[] {
  // A chosen password's own name is its variable; the names that must stay the stack's are the generated ones.
  const stackNames = new Map(secrets.filter((s) => 'generate' in s.source).map((s) => [s.name, s.purpose]));
  const seen = new Map<string, SecretPlan>();
  const problems: { variable: string; field: string; problem: string }[] = [];
  for (const secret of secrets) {
    if (!('env' in secret.source)) continue;
    const variable = secret.source.env;
    const owner = stackNames.get(variable);
    const field = secret.source.field;
    if (owner !== undefined) problems.push({ variable, field, problem: `${variable} is the name of a secret the stack itself keeps (${owner.toLowerCase()}), so that secret would take the chosen value` });
    const other = seen.get(variable);
    if (other) problems.push({ variable, field, problem: `${variable} is already the source of ${other.source !== undefined && 'env' in other.source && other.source.field === 'machineAccess.users' && field === 'machineAccess.users' ? 'another machine user' : 'another secret'} (${other.purpose.toLowerCase()}); each needs its own` });
    seen.set(variable, secret);
  }
  return problems;
}

/** The value of every secret of the plan: reused, generated, or read from the environment. */
export function resolveSecrets(secrets: SecretPlan[], options: ResolveOptions): { values: SecretValues; unset: string[] } {
  const shared = sharedVariables(secrets);
  if (shared.length > 0) {
    throw new UserError(
      shared.map(({ variable, field, problem }) => ({
        path: field,
        message: `refers to env:${variable}, but ${problem}`,
        fix:
          field === 'machineAccess.users'
            ? `choose a variable of your own for it, e.g. env:MY_${variable.replace(/^PREFECT_MACHINE_|_PASSWORD$/g, '')}_PASSWORD, or drop "password" to have a random one generated`
            : `choose a variable of your own for it, e.g. env:MY_${variable}`,
      })),
    );
  }
  const values: SecretValues = {};
  /** Chosen passwords not set here (allowUnsetEnv): stood in for, named. */
  const unset: string[] = [];
  const missing: { source: EnvSource; problem: string }[] = [];
  const unsafe: string[] = [];
  for (const secret of secrets) {
    if ('env' in secret.source) {
      const source = secret.source;
      const value = (options.env ?? process.env)[source.env];
      // A supplied secret kept in .env is reused from there when the variable is no longer set.
      const kept = source.store && !value ? options.existing?.[secret.name] : undefined;
      const problem = kept && SAFE_SUPPLIED.test(kept) ? undefined : suppliedProblem(source, value);
      if (!problem) values[secret.name] = kept && !value ? kept : value!;
      else if (!value && options.allowUnsetEnv) {
        values[secret.name] = UNSET_STAND_IN;
        unset.push(source.env);
      }
      else missing.push({ source, problem });
      continue;
    }
    const existing = options.existing?.[secret.name];
    if (existing && !options.rotate?.includes(secret.name)) {
      if (!SAFE_SECRET.test(existing)) unsafe.push(secret.name);
      values[secret.name] = existing;
    } else {
      values[secret.name] = randomToken(options.random, secret.bytes);
    }
  }
  if (unsafe.length > 0) {
    throw new UserError(
      unsafe.map((name) => ({
        path: name,
        message: 'in .env holds characters the stack cannot carry safely (it goes into a database URL and into the realm import)',
        fix: `use only letters, digits and - _ . ~ in it, or run prefect-secure rotate for it to get a new one`,
      })),
      '.env',
    );
  }
  if (missing.length > 0) {
    throw new UserError(
      missing.map(({ source, problem }) => ({
        path: source.field,
        message: `refers to env:${source.env}, but ${problem}`,
        fix: source.store
          ? `export ${source.env}=<${source.holds}> before running prefect-secure (it is copied into .env, mode 0600, and read from there afterwards)`
          : `export ${source.env}=... (${MIN_CHOSEN_PASSWORD} characters or more) before running prefect-secure, or drop "password" to have a random one generated`,
      })),
    );
  }
  return { values, unset };
}
