/**
 * Values derived from secrets, for the few files meant to hold them
 * (.env, htpasswd, profiles.toml). Nothing else sees a secret value.
 */
import type { Plan } from '../plan/types.js';
import { htpasswdEntry, verifyEntry } from '../secrets/htpasswd.js';
import type { RandomSource } from '../secrets/random.js';
import type { SecretValues } from '../secrets/resolve.js';

export function authString(user: string, password: string): string {
  return `${user}:${password}`;
}

/** What Prefect sends for PREFECT_API_AUTH_STRING, for the socket handshakes that do not send it themselves. */
export function basicAuthHeaders(user: string, password: string): string {
  return JSON.stringify({ Authorization: `Basic ${Buffer.from(authString(user, password)).toString('base64')}` });
}

/**
 * One htpasswd line per machine user. An existing entry that still matches
 * its password is kept as it is, so re-rendering does not churn salts.
 */
export function htpasswdLines(plan: Plan, secrets: SecretValues, random: RandomSource, existing: string[] = []): string[] {
  return plan.machineUsers.map((user) => {
    const password = secrets[user.secret]!;
    const kept = existing.find((line) => verifyEntry(line, user.name, password) && line.includes(user.hash === 'ssha' ? ':{SSHA}' : ':$2'));
    return kept ?? htpasswdEntry(user.name, password, user.hash, random);
  });
}

export function clientProfiles(plan: Plan, secrets: SecretValues) {
  return plan.clients.map((client) => {
    const user = plan.machineUsers.find((u) => u.name === client.user)!;
    const password = secrets[user.secret]!;
    return {
      name: client.name,
      apiUrl: client.apiUrl,
      uiUrl: client.uiUrl,
      authString: authString(user.name, password),
      customHeaders: basicAuthHeaders(user.name, password),
    };
  });
}
