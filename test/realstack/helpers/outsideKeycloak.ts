/**
 * A Keycloak outside the stack, standing in for a team's own identity
 * provider on the internet: the real distribution in development mode, on a
 * loopback address of its own, calling itself by a public-looking name. Its
 * realm holds the client exactly as NEXT_STEPS ("Register at Keycloak") tells
 * a person to register it, a member with the allowed realm role and someone
 * without it.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { startProcess, type NativeProcess } from '../runner/processes.js';

export interface OutsideKeycloak {
  /** The origin it calls itself (KC_HOSTNAME), e.g. http://sso.example.test:8180. */
  origin: string;
  process: NativeProcess;
  log: string;
}

export interface Registration {
  realm: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  ui: string;
  role: string;
  people: { username: string; password: string; roles: string[] }[];
  /**
   * As a generic OpenID provider (identityProvider.type: oidc): the realm roles
   * go into the ID token under this claim, as a person sets up a provider to
   * send the groups the spec's groupsClaim names.
   */
  rolesClaim?: string;
  /** A CI client registered by the "CI with access tokens" checklist (machineAccess.tokens). */
  ciClient?: { clientId: string; secret: string };
}

/** The CI client as the checklist says: service accounts only, the allowed role, no email scope, an audience mapper for the sign-in client. */
function ciClientJson(r: Registration, ci: { clientId: string; secret: string }) {
  return {
    clientId: ci.clientId,
    enabled: true,
    protocol: 'openid-connect',
    // "Client authentication On; only Service accounts roles (no standard flow)"
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: ci.secret,
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    // "remove email from <ci>'s default scopes"
    defaultClientScopes: ['web-origins', 'acr', 'profile', 'roles', 'basic'],
    // "<ci>-dedicated, Add mapper, By configuration, Audience: Included Client Audience <client>, Add to access token On"
    protocolMappers: [
      {
        name: 'audience',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-audience-mapper',
        config: { 'included.client.audience': r.clientId, 'access.token.claim': 'true', 'id.token.claim': 'false' },
      },
    ],
  };
}

/** The realm as a person registers it by the NEXT_STEPS checklist. */
function realmJson(r: Registration) {
  return {
    realm: r.realm,
    enabled: true,
    roles: { realm: [{ name: r.role }] },
    clients: [
      {
        clientId: r.clientId,
        enabled: true,
        protocol: 'openid-connect',
        // "Client authentication On; only Standard flow"
        publicClient: false,
        clientAuthenticatorType: 'client-secret',
        secret: r.clientSecret,
        standardFlowEnabled: true,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        // "Valid redirect URIs: exactly …; Valid post logout redirect URIs: <ui>/*; Web origins: <ui>"
        redirectUris: [r.redirectUri],
        webOrigins: [r.ui],
        // "Proof Key for Code Exchange Code Challenge Method S256"
        attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': `${r.ui}/*` },
        // "<client>-dedicated, Add mapper, By configuration, Audience: Included Client Audience <client>, Add to access token On"
        protocolMappers: [
          {
            name: 'audience',
            protocol: 'openid-connect',
            protocolMapper: 'oidc-audience-mapper',
            config: { 'included.client.audience': r.clientId, 'access.token.claim': 'true', 'id.token.claim': 'false' },
          },
          ...(r.rolesClaim
            ? [
                {
                  name: 'roles in the ID token',
                  protocol: 'openid-connect',
                  protocolMapper: 'oidc-usermodel-realm-role-mapper',
                  config: { 'claim.name': r.rolesClaim, multivalued: 'true', 'jsonType.label': 'String', 'id.token.claim': 'true', 'access.token.claim': 'true', 'userinfo.token.claim': 'true' },
                },
              ]
            : []),
        ],
      },
      ...(r.ciClient ? [ciClientJson(r, r.ciClient)] : []),
    ],
    users: [
      // "Service accounts roles: assign the realm role <role>"
      ...(r.ciClient ? [{ username: `service-account-${r.ciClient.clientId}`, enabled: true, serviceAccountClientId: r.ciClient.clientId, realmRoles: [r.role] }] : []),
      ...r.people.map((p) => ({
        username: p.username,
        email: `${p.username}@example.com`,
        emailVerified: true,
        enabled: true,
        firstName: p.username,
        lastName: 'Example',
        credentials: [{ type: 'password', value: p.password, temporary: false }],
        realmRoles: p.roles,
      })),
    ],
  };
}

export interface OutsideOptions {
  runDir: string;
  address: string;
  port: number;
  /** The origin it calls itself: http://… or, with `tls`, https://…. */
  origin: string;
  registration: Registration;
  /** Serve https with this certificate (from a test CA the stack is told about). */
  tls?: { certFile: string; keyFile: string; caFile: string };
}

export async function startOutsideKeycloak(options: OutsideOptions): Promise<OutsideKeycloak> {
  const home = COMPONENTS.keycloakHome;
  const data = join(options.runDir, 'outside-keycloak', 'data');
  rmSync(join(options.runDir, 'outside-keycloak'), { recursive: true, force: true });
  mkdirSync(join(data, 'import'), { recursive: true });
  writeFileSync(join(data, 'import', `${options.registration.realm}-realm.json`), JSON.stringify(realmJson(options.registration)));
  // The distribution keeps its data in <home>/data; the stack's Keycloak is not running in this setup.
  rmSync(join(home, 'data'), { recursive: true, force: true });
  symlinkSync(data, join(home, 'data'));
  const log = join(options.runDir, 'outside-keycloak.log');
  const process = startProcess('outside-keycloak', join(home, 'bin', 'kc.sh'), ['start-dev', '--import-realm'], {
    env: {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: join(options.runDir, 'outside-keycloak'),
      JAVA_HOME: globalThis.process.env.JAVA_HOME ?? '/usr/lib/jvm/java-17-openjdk-amd64',
      KC_HOSTNAME: options.origin,
      KC_HTTP_HOST: options.address,
      ...(options.tls
        ? { KC_HTTPS_PORT: String(options.port), KC_HTTPS_CERTIFICATE_FILE: options.tls.certFile, KC_HTTPS_CERTIFICATE_KEY_FILE: options.tls.keyFile, KC_HTTP_ENABLED: 'false' }
        : { KC_HTTP_PORT: String(options.port) }),
      KC_HTTP_MANAGEMENT_PORT: String(options.port + 1000),
      KC_HEALTH_ENABLED: 'true',
    },
    cwd: join(options.runDir, 'outside-keycloak'),
    log,
    header: `[runner] outside-keycloak: ${home} start-dev on ${options.address}:${options.port} as ${options.origin}\n`,
  });
  const scheme = options.tls ? 'https' : 'http';
  const discovery = `${scheme}://${options.address}:${options.port}/realms/${options.registration.realm}/.well-known/openid-configuration`;
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (process.exitCode() !== undefined) throw new Error(`the outside Keycloak exited; see ${log}`);
    const ok = await answers(discovery, options.tls?.caFile);
    if (ok) return { origin: options.origin, process, log };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the outside Keycloak did not serve ${discovery} within 4 minutes; see ${log}`);
}

/** Whether `url` answers 200, an https one verified against `caFile` (its certificate names the public name, not the address). */
function answers(url: string, caFile: string | undefined): Promise<boolean> {
  if (!caFile) return fetch(url).then((r) => r.ok, () => false);
  return new Promise((resolve) => {
    https
      .get(url, { ca: readFileSync(caFile), checkServerIdentity: () => undefined }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      })
      .on('error', () => resolve(false));
  });
}

/** The flags that render a stack signing in at a Keycloak outside it, as a person types them; the secret is env:SSO_CLIENT_SECRET. */
export function ownKeycloakFlags(url: string, realm: string): string[] {
  return [
    '--idp', 'keycloak',
    '--set', 'identityProvider.bundled=false',
    '--set', `identityProvider.url=${url}`,
    '--set', `identityProvider.realm=${realm}`,
    '--set', 'identityProvider.clientSecret=env:SSO_CLIENT_SECRET',
  ];
}
