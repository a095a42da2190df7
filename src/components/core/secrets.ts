/** The views of the stack's secrets: `.env` and its example, where each one is kept, what rotate accepts. */
import type { Plan } from '../../plan/types.js';
import type { SecretValues } from '../../secrets/resolve.js';

/** Generated secrets, as `.env` lists them; without values for `.env.example`. */
export function storedSecrets(plan: Plan, values?: SecretValues) {
  return plan.secrets
    .filter((s) => 'generate' in s.source || s.source.store)
    .map((s) => ({ name: s.name, purpose: s.purpose, usedBy: s.usedBy.join(', '), ...(values ? { value: values[s.name]! } : {}) }));
}

export function secretLocation(plan: Plan, name: string): string {
  const secret = plan.secrets.find((s) => s.name === name)!;
  const user = plan.machineUsers.find((u) => u.secret === name);
  const profile = user && plan.clients.some((client) => client.user === user.name) ? `\`prefect/profiles.toml\` as the auth string of "${user.name}"` : undefined;
  if ('env' in secret.source && secret.source.store) return `\`.env\` (copied from your environment variable \`${secret.source.env}\` when first rendered)`;
  if ('env' in secret.source) {
    return profile ? `your environment variable \`${secret.source.env}\`; written into ${profile}` : `your environment variable \`${secret.source.env}\` only (in no file of the stack)`;
  }
  return profile ? `\`.env\`; also in ${profile}` : '`.env`';
}

/**
 * What `prefect-secure rotate` accepts, for NEXT_STEPS: the cookie secret
 * first (rotating it costs people one sign-in), machine users as one
 * `machine:<user>`.
 */
export function rotateNames(plan: Plan): string[] {
  const aliases = plan.secrets.filter((s) => 'generate' in s.source).map((s) => (s.alias.startsWith('machine:') ? 'machine:<user>' : s.alias));
  const unique = [...new Set(aliases)];
  const first = unique.includes('cookie-secret') ? 'cookie-secret' : unique[0]!;
  return [first, ...unique.filter((a) => a !== first)];
}
