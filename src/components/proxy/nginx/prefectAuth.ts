/**
 * machineAccess.serverAuthString with nginx: Prefect itself checks the one
 * machine user's credential (PREFECT_SERVER_API_AUTH_STRING). Machines send
 * it (nginx checks it first, then passes it on); for people signed in through
 * SSO nginx sends it, from a file only nginx's group may read, since the UI
 * asks for a credential when the API answers 401 (its authCheck) and people
 * have none but their session. The file is the secret's only copy outside
 * .env and the profiles.
 */
import { machineSecretName } from '../../../config/schema.js';
import type { SecretValues } from '../../../plan/types.js';

/** The stack file that holds the header, and where nginx reads it. */
export const PREFECT_AUTH_FILE = 'proxy/prefect-auth.conf';
export const PREFECT_AUTH_IN_PROXY = '/etc/nginx/prefect-auth.conf';

/** The Authorization value nginx sends where it proxies signed-in people to Prefect. */
export function prefectAuthHeader(user: string, secrets: SecretValues): string {
  const password = secrets[machineSecretName(user)];
  if (!password) throw new Error(`internal: no password for machine user ${user}`);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
