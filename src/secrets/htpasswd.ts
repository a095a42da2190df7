/**
 * htpasswd entries for the proxy's basic-auth gate.
 *
 * The proxy verifies the hash on EVERY request, inside its event loop
 * (nginx has no cache for auth_basic). Measured with nginx 1.22 and wrk on
 * loopback, one worker: no gate 7,746 req/s; {SSHA} 6,542; SHA-256-crypt
 * (1000 rounds) 1,020; bcrypt cost 5 369; bcrypt cost 10 15 req/s at 268 ms.
 * A slow hash only protects a guessable password. The machine passwords
 * prefect-secure generates carry 256 random bits, so brute force is out of
 * reach whatever the hash, and a fast salted hash is as safe as bcrypt for
 * them while keeping the gate nearly free. Hence:
 *   - generated secrets  -> {SSHA} (salted SHA-1; nginx verifies it natively)
 *   - a password a person chose -> bcrypt (slow on purpose; costs throughput)
 * Apache's `htpasswd -v` does not understand {SSHA}; the tests prove the
 * format with real nginx (401 for a wrong password, 200 for the right one),
 * and `npm run bench` measures the gate against the same path without it.
 *
 * Each proxy gets the same treatment, measured in `npm run bench`:
 *   - Traefik also verifies on every request, with no cache, and accepts
 *     bcrypt, MD5-crypt and unsalted SHA-1 ({SHA}) only — no {SSHA}
 *     (go-http-auth's CheckSecret). A salt defends a guessable password
 *     against precomputed tables; 256 random bits need none, so generated
 *     secrets get {SHA} (one SHA-1 per request) and chosen ones bcrypt.
 *   - Caddy accepts only bcrypt and argon2id, but remembers each successful
 *     check (its Caddyfile turns the cache on): bcrypt costs one verification
 *     per password, then a lookup.
 */
import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { RandomSource } from './random.js';

export type HashScheme = 'ssha' | 'sha' | 'bcrypt';

/** Bytes of randomness in every generated machine password (well above the 192 required). */
export const MACHINE_PASSWORD_BYTES = 32;

export function sshaEntry(user: string, password: string, salt: Buffer): string {
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `${user}:{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** Unsalted SHA-1, as Traefik verifies it: only for generated 256-bit secrets (see above). */
export function shaEntry(user: string, password: string): string {
  return `${user}:{SHA}${createHash('sha1').update(password, 'utf8').digest('base64')}`;
}

export function bcryptEntry(user: string, password: string, random: RandomSource, cost = 10): string {
  const salt = `$2b$${String(cost).padStart(2, '0')}$${bcrypt.encodeBase64([...random(16)], 16)}`;
  // Apache and nginx both accept $2y$; bcryptjs writes $2b$, the same algorithm.
  return `${user}:${bcrypt.hashSync(password, salt).replace(/^\$2b\$/, '$2y$')}`;
}

export function htpasswdEntry(user: string, password: string, scheme: HashScheme, random: RandomSource): string {
  if (scheme === 'ssha') return sshaEntry(user, password, random(8));
  return scheme === 'sha' ? shaEntry(user, password) : bcryptEntry(user, password, random);
}

/** True when `entry` (one htpasswd line) is the given user's entry and matches the password. */
export function verifyEntry(entry: string, user: string, password: string): boolean {
  const [name, hash] = [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)];
  if (name !== user) return false;
  if (hash.startsWith('{SSHA}')) {
    const raw = Buffer.from(hash.slice(6), 'base64');
    return sshaEntry(user, password, raw.subarray(20)) === entry;
  }
  if (hash.startsWith('{SHA}')) return shaEntry(user, password) === entry;
  if (/^\$2[aby]\$/.test(hash)) return bcrypt.compareSync(password, hash.replace(/^\$2y\$/, '$2b$'));
  return false;
}
