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
}

/** The value of every secret of the plan: reused, generated, or read from the environment. */
export function resolveSecrets(secrets: SecretPlan[], options: ResolveOptions): SecretValues {
  const values: SecretValues = {};
  const missing: string[] = [];
  const unsafe: string[] = [];
  for (const secret of secrets) {
    if ('env' in secret.source) {
      const value = (options.env ?? process.env)[secret.source.env];
      if (value) values[secret.name] = value;
      else missing.push(secret.source.env);
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
      missing.map((name) => ({
        path: 'machineAccess.users',
        message: `refers to env:${name}, but the environment variable ${name} is not set`,
        fix: `export ${name}=... before running prefect-secure, or drop "password" to have a random one generated`,
      })),
    );
  }
  return values;
}
