import { UserError } from '../errors.js';
import type { SecretPlan, SecretValues } from '../plan/types.js';
import { randomToken, type RandomSource } from './random.js';

export type { SecretValues } from '../plan/types.js';

/** What a generated secret may hold when it is reused from .env: URL-safe, JSON-safe, env-file-safe. */
const SAFE_SECRET = /^[A-Za-z0-9_.~-]+$/;

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

/** Stands in for a chosen password that is not in this environment; never written. */
const UNSET_STAND_IN = 'unset-chosen-password';

/**
 * A chosen password's variable must be its own: docker compose fills every
 * `${NAME}` of the compose file from the shell before .env, so a variable
 * named like a secret of the stack (or shared by two users) would silently
 * make the chosen password that other secret too.
 */
function sharedVariables(secrets: SecretPlan[]): { variable: string; problem: string }[] {
  // A chosen password's own name is its variable; the names that must stay the stack's are the generated ones.
  const stackNames = new Map(secrets.filter((s) => 'generate' in s.source).map((s) => [s.name, s.purpose]));
  const seen = new Map<string, SecretPlan>();
  const problems: { variable: string; problem: string }[] = [];
  for (const secret of secrets) {
    if (!('env' in secret.source)) continue;
    const variable = secret.source.env;
    const owner = stackNames.get(variable);
    if (owner !== undefined) problems.push({ variable, problem: `${variable} is the name of a secret the stack itself keeps (${owner.toLowerCase()}), so that secret would take the chosen password` });
    const other = seen.get(variable);
    if (other) problems.push({ variable, problem: `${variable} is already the password of another machine user (${other.purpose.toLowerCase()}); each user needs its own` });
    seen.set(variable, secret);
  }
  return problems;
}

/** The value of every secret of the plan: reused, generated, or read from the environment. */
export function resolveSecrets(secrets: SecretPlan[], options: ResolveOptions): { values: SecretValues; unset: string[] } {
  const shared = sharedVariables(secrets);
  if (shared.length > 0) {
    throw new UserError(
      shared.map(({ variable, problem }) => ({
        path: 'machineAccess.users',
        message: `refers to env:${variable}, but ${problem}`,
        fix: `choose a variable of your own for it, e.g. env:MY_${variable.replace(/^PREFECT_MACHINE_|_PASSWORD$/g, '')}_PASSWORD, or drop "password" to have a random one generated`,
      })),
    );
  }
  const values: SecretValues = {};
  /** Chosen passwords not set here (allowUnsetEnv): stood in for, named. */
  const unset: string[] = [];
  const missing: { variable: string; problem: string }[] = [];
  const unsafe: string[] = [];
  for (const secret of secrets) {
    if ('env' in secret.source) {
      const value = (options.env ?? process.env)[secret.source.env];
      const problem = chosenPasswordProblem(secret.source.env, value);
      if (!problem) values[secret.name] = value!;
      else if (!value && options.allowUnsetEnv) {
        values[secret.name] = UNSET_STAND_IN;
        unset.push(secret.source.env);
      }
      else missing.push({ variable: secret.source.env, problem });
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
      missing.map(({ variable, problem }) => ({
        path: 'machineAccess.users',
        message: `refers to env:${variable}, but ${problem}`,
        fix: `export ${variable}=... (${MIN_CHOSEN_PASSWORD} characters or more) before running prefect-secure, or drop "password" to have a random one generated`,
      })),
    );
  }
  return { values, unset };
}
