import { machineSecretName, type Spec } from '../spec/schema.js';
import { MACHINE_PASSWORD_BYTES } from '../secrets/htpasswd.js';
import type { MachineUserPlan, SecretPlan } from './types.js';


/** Every secret the stack needs, and the machine users that use them. */
export function planSecrets(spec: Spec): { secrets: SecretPlan[]; machineUsers: MachineUserPlan[] } {
  const generate = { generate: true } as const;
  const demo = spec.identityProvider.demoUser;
  // The bundled Keycloak keeps its realm inside its container: recreating the
  // container imports the realm file again, with the new values.
  const reimport = 'Recreating keycloak re-imports the realm with the new value; users added in the admin console are lost.';
  const secrets: SecretPlan[] = [
    {
      name: 'POSTGRES_PASSWORD', alias: 'db-password', purpose: 'Password of the prefect database user', bytes: 24, source: generate, usedBy: ['postgres', 'prefect-server'],
      afterRotate: `An existing database keeps its old password. After recreating postgres, run: docker compose exec postgres sh -c 'echo "ALTER USER prefect PASSWORD '"'"'$POSTGRES_PASSWORD'"'"';" | psql -U prefect -d prefect' and then recreate prefect-server.`,
    },
    {
      name: 'OAUTH2_PROXY_CLIENT_SECRET', alias: 'client-secret', purpose: 'OIDC client secret shared by oauth2-proxy and the Keycloak realm', bytes: 32, source: generate, usedBy: ['oauth2-proxy', 'keycloak'],
      afterRotate: reimport,
    },
    // 32 random bytes as URL-safe base64: oauth2-proxy decodes it to exactly the 32-byte AES key it needs.
    {
      name: 'OAUTH2_PROXY_COOKIE_SECRET', alias: 'cookie-secret', purpose: 'Key that encrypts and signs the session cookie', bytes: 32, source: generate, usedBy: ['oauth2-proxy'],
      afterRotate: 'Every signed-in person has to sign in again.',
    },
    {
      name: 'KEYCLOAK_ADMIN_PASSWORD', alias: 'keycloak-admin', purpose: 'Password of the Keycloak bootstrap admin', bytes: 24, source: generate, usedBy: ['keycloak'],
      afterRotate: reimport,
    },
    {
      name: 'KEYCLOAK_DEMO_PASSWORD', alias: 'demo-password', purpose: `Password of the demo user "${demo}"`, bytes: 18, source: generate, usedBy: ['keycloak'],
      afterRotate: reimport,
    },
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
      alias: `machine:${user.name}`,
      afterRotate: `Give every worker and CI job that uses "${user.name}" its new PREFECT_API_AUTH_STRING and PREFECT_CLIENT_CUSTOM_HEADERS from prefect/profiles.toml.`,
    });
    return { name: user.name, secret: name, hash: chosen ? 'bcrypt' : 'ssha' };
  });
  return { secrets, machineUsers };
}
