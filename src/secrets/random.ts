import { randomBytes } from 'node:crypto';

/** Source of random bytes. Production uses the CSPRNG; tests inject a seeded one for golden files. */
export type RandomSource = (bytes: number) => Buffer;

export const cryptoRandom: RandomSource = (bytes) => randomBytes(bytes);

/** URL-safe base64 without padding: safe in URLs, env files, YAML and TOML without quoting. */
export function randomToken(random: RandomSource, bytes: number): string {
  return random(bytes).toString('base64url');
}
