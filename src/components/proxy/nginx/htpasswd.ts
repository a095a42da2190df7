/**
 * proxy/htpasswd: one line per machine user, in the format the planned user
 * carries ({SSHA} for generated passwords, bcrypt for chosen ones; see
 * src/secrets/htpasswd.ts). A line already in the stack that still matches its
 * password and format is kept as it is, so re-rendering does not churn salts.
 */
import type { Plan, SecretValues } from '../../../plan/types.js';
import { htpasswdEntry, verifyEntry } from '../../../secrets/htpasswd.js';
import type { RandomSource } from '../../../secrets/random.js';

export const HTPASSWD_FILE = 'proxy/htpasswd';

/** How each format's line starts after the user name. */
const FORMAT_MARK = { ssha: ':{SSHA}', sha: ':{SHA}', bcrypt: ':$2' } as const;

export function htpasswdLines(plan: Plan, secrets: SecretValues, random: RandomSource, existingText = ''): string[] {
  const existing = existingText.split('\n').filter((line) => line.includes(':'));
  return plan.machineUsers.map((user) => {
    const password = secrets[user.secret]!;
    const kept = existing.find((line) => verifyEntry(line, user.name, password) && line.includes(FORMAT_MARK[user.hash]));
    return kept ?? htpasswdEntry(user.name, password, user.hash, random);
  });
}
