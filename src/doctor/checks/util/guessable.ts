/**
 * Passwords an attacker tries first: the defaults of tutorials and images,
 * the user name again, and anything short. Hashes are tested against the
 * same list where the format is fast to test ({PLAIN}, {SHA}, {SSHA},
 * MD5-crypt/apr1); bcrypt and argon2 are slow on purpose and not tried.
 */
import { createHash } from 'node:crypto';
import { md5Crypt } from '../../../secrets/md5crypt.js';

const COMMON = [
  'admin', 'administrator', 'password', 'passw0rd', 'p@ssw0rd', 'password1', 'password123', 'prefect', 'prefect123', 'changeme',
  'change-me', 'changeit', 'secret', 'default', 'welcome', 'letmein', 'qwerty', '123456', '12345678', '123456789', '1234',
  'test', 'testing', 'root', 'toor', 'pass', 'guest', 'user', 'demo', 'example', 'admin123', 'admin1234', 'keycloak', 'traefik', 'nginx',
];

/** The minimum length below which a password a person typed is guessable whatever it is. */
export const MIN_PASSWORD_LENGTH = 12;

export function guesses(user: string): string[] {
  return [...new Set(['', user, `${user}123`, ...COMMON])];
}

/** Why a visible password is guessable (an error when it is on the list, a warning when only short), or undefined. */
export function weakPassword(user: string, password: string): { why: string; severity: 'error' | 'warning' } | undefined {
  const lower = password.toLowerCase();
  if (guesses(user.toLowerCase()).includes(lower)) return { why: lower === user.toLowerCase() ? 'the password is the user name' : 'the password is on every list of defaults an attacker tries first', severity: 'error' };
  if (password.length < MIN_PASSWORD_LENGTH) return { why: `the password has ${password.length} characters (fewer than ${MIN_PASSWORD_LENGTH})`, severity: 'warning' };
  return undefined;
}

/** The guess an htpasswd hash matches, when its format is fast to test. */
export function crackedHash(user: string, hash: string): string | undefined {
  const test = (check: (guess: string) => boolean) => guesses(user).flatMap((g) => [g, g.charAt(0).toUpperCase() + g.slice(1)]).find((g) => check(g));
  if (hash.startsWith('{PLAIN}')) return weakPassword(user, hash.slice(7)) ? hash.slice(7) : undefined;
  // find() returns the guess itself; '' is a match too, so callers test for undefined.
  if (hash.startsWith('{SHA}')) return test((g) => createHash('sha1').update(g).digest('base64') === hash.slice(5));
  if (hash.startsWith('{SSHA}')) {
    const raw = Buffer.from(hash.slice(6), 'base64');
    const salt = raw.subarray(20);
    return test((g) => createHash('sha1').update(g).update(salt).digest().equals(raw.subarray(0, 20)));
  }
  const md5 = /^(\$apr1\$|\$1\$)([^$]{0,8})\$/.exec(hash);
  if (md5) return test((g) => md5Crypt(g, md5[2]!, md5[1] as '$1$' | '$apr1$') === hash);
  return undefined;
}
