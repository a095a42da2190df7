/** prefect/profiles.toml's view: each client profile with its machine user's credential, the one file meant to hold it. */
import type { Plan, SecretValues } from '../../plan/types.js';

export function authString(user: string, password: string): string {
  return `${user}:${password}`;
}

/** What Prefect sends for PREFECT_API_AUTH_STRING, for the socket handshakes that do not send it themselves. */
export function basicAuthHeaders(user: string, password: string): string {
  return JSON.stringify({ Authorization: `Basic ${Buffer.from(authString(user, password)).toString('base64')}` });
}

export function clientProfiles(plan: Plan, secrets: SecretValues) {
  return plan.clients.map((client) => {
    // No machine user behind a profile (machineAccess.type: none): the URLs only.
    const user = plan.machineUsers.find((u) => u.name === client.user);
    const password = user ? secrets[user.secret]! : undefined;
    return {
      name: client.name,
      apiUrl: client.apiUrl,
      uiUrl: client.uiUrl,
      ...(user && password ? { authString: authString(user.name, password), customHeaders: basicAuthHeaders(user.name, password) } : {}),
      ...(client.caFile ? { caFile: client.caFile } : {}),
    };
  });
}
