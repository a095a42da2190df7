import type { Spec } from '../spec/schema.js';
import { MACHINE_PASSWORD_BYTES } from '../secrets/htpasswd.js';
import type { MachineUserPlan, SecretPlan } from './types.js';

export function machineSecretName(user: string): string {
  return `PREFECT_MACHINE_${user.toUpperCase().replace(/-/g, '_')}_PASSWORD`;
}

/** Every secret the stack needs, and the machine users that use them. */
export function planSecrets(spec: Spec): { secrets: SecretPlan[]; machineUsers: MachineUserPlan[] } {
  const generate = { generate: true } as const;
  const secrets: SecretPlan[] = [
    { name: 'POSTGRES_PASSWORD', purpose: 'Password of the prefect database user', bytes: 24, source: generate, usedBy: ['postgres', 'prefect-server'] },
    { name: 'OAUTH2_PROXY_CLIENT_SECRET', purpose: 'OIDC client secret shared by oauth2-proxy and the Keycloak realm', bytes: 32, source: generate, usedBy: ['oauth2-proxy', 'keycloak'] },
    // 32 random bytes as URL-safe base64: oauth2-proxy decodes it to exactly the 32-byte AES key it needs.
    { name: 'OAUTH2_PROXY_COOKIE_SECRET', purpose: 'Key that encrypts and signs the session cookie', bytes: 32, source: generate, usedBy: ['oauth2-proxy'] },
    { name: 'KEYCLOAK_ADMIN_PASSWORD', purpose: 'Password of the Keycloak bootstrap admin', bytes: 24, source: generate, usedBy: ['keycloak'] },
    { name: 'KEYCLOAK_DEMO_PASSWORD', purpose: `Password of the demo user "${spec.identityProvider.demoUser}"`, bytes: 18, source: generate, usedBy: ['keycloak'] },
  ];
  const machineUsers: MachineUserPlan[] = spec.machineAccess.users.map((user) => {
    const chosen = user.password !== undefined;
    const name = chosen ? user.password! : machineSecretName(user.name);
    secrets.push({
      name,
      purpose: `Machine password of "${user.name}" on the API host`,
      bytes: MACHINE_PASSWORD_BYTES,
      source: chosen ? { env: name } : generate,
      usedBy: ['nginx'],
    });
    return { name: user.name, secret: name, hash: chosen ? 'bcrypt' : 'ssha' };
  });
  return { secrets, machineUsers };
}
