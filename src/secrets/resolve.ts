import { UserError } from '../errors.js';
import type { SecretPlan } from '../plan/types.js';
import { randomToken, type RandomSource } from './random.js';

export type SecretValues = Record<string, string>;

export interface ResolveOptions {
  random: RandomSource;
  /** Values already in the stack's `.env`: reused so a re-render changes nothing. */
  existing?: SecretValues;
  /** Names to generate anew even when they exist (rotation). */
  rotate?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** The value of every secret of the plan: reused, generated, or read from the environment. */
export function resolveSecrets(secrets: SecretPlan[], options: ResolveOptions): SecretValues {
  const values: SecretValues = {};
  const missing: string[] = [];
  for (const secret of secrets) {
    if ('env' in secret.source) {
      const value = (options.env ?? process.env)[secret.source.env];
      if (value) values[secret.name] = value;
      else missing.push(secret.source.env);
      continue;
    }
    const existing = options.existing?.[secret.name];
    values[secret.name] =
      existing && !options.rotate?.includes(secret.name) ? existing : randomToken(options.random, secret.bytes);
  }
  if (missing.length > 0) {
    throw new UserError(
      missing.map((name) => ({
        path: 'machineAccess.users',
        message: `refers to env:${name}, but the environment variable ${name} is not set`,
        fix: `export ${name}=... before running prefect-secure, or drop "password" to have a random one generated`,
      })),
    );
  }
  return values;
}
