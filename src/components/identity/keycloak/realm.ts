import type { Spec } from '../../../config/schema.js';
import type { Urls } from '../../../plan/urls.js';
import { keycloakSpec } from './spec.js';

/**
 * The development realm Keycloak imports at first start. Secrets are
 * `${VAR}` placeholders that Keycloak resolves from its environment while
 * importing, so this file holds none and may be committed.
 */
/** The variable of the CI client's secret (machineAccess.tokens), which the realm import reads. */
export const CI_CLIENT_SECRET = 'PREFECT_CI_CLIENT_SECRET';

/**
 * The client CI authenticates as by client credentials (machineAccess.tokens):
 * its service account holds the allowed role, its tokens name the sign-in
 * client in aud (oauth2-proxy checks it), and it has no email scope (a
 * service account's email_verified: false would be refused).
 */
function ciClient(clientId: string, audience: string) {
  return {
    clientId,
    name: 'Prefect CI (client credentials)',
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: `\${${CI_CLIENT_SECRET}}`,
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    defaultClientScopes: ['basic', 'roles', 'profile', 'acr', 'web-origins'],
    optionalClientScopes: [],
    protocolMappers: [
      {
        name: 'audience',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-audience-mapper',
        consentRequired: false,
        config: { 'included.client.audience': audience, 'id.token.claim': 'false', 'access.token.claim': 'true', 'introspection.token.claim': 'true' },
      },
    ],
  };
}

export function realm(spec: Spec, urls: Urls) {
  const idp = keycloakSpec(spec);
  const ci = spec.machineAccess.tokens;
  const [role] = idp.allowedRoles;
  // The client's settings that follow the stack's addresses: what a changed spec must bring to a running Keycloak.
  const addresses = {
    // Exactly oauth2-proxy's redirect_url: no wildcard.
    redirectUris: [urls.redirect],
    webOrigins: [urls.ui],
    attributes: { 'post.logout.redirect.uris': `${urls.ui}/*` },
  };
  const json = {
    realm: idp.realm,
    enabled: true,
    displayName: 'Prefect (development)',
    registrationAllowed: false,
    resetPasswordAllowed: false,
    sslRequired: 'external',
    bruteForceProtected: true,
    roles: {
      realm: idp.allowedRoles.map((name) => ({ name, description: 'May sign in to the Prefect UI' })),
    },
    clients: [
      {
        clientId: idp.clientId,
        name: 'Prefect UI (oauth2-proxy)',
        enabled: true,
        protocol: 'openid-connect',
        publicClient: false,
        clientAuthenticatorType: 'client-secret',
        secret: '${OAUTH2_PROXY_CLIENT_SECRET}',
        standardFlowEnabled: true,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        redirectUris: addresses.redirectUris,
        webOrigins: addresses.webOrigins,
        attributes: { 'pkce.code.challenge.method': 'S256', ...addresses.attributes },
        protocolMappers: [
          {
            // oauth2-proxy requires the client id in the token's aud claim.
            name: 'audience',
            protocol: 'openid-connect',
            protocolMapper: 'oidc-audience-mapper',
            consentRequired: false,
            config: {
              'included.client.audience': idp.clientId,
              'id.token.claim': 'true',
              'access.token.claim': 'true',
              'introspection.token.claim': 'true',
            },
          },
        ],
      },
      ...(ci ? [ciClient(ci.clientId, idp.clientId)] : []),
    ],
    users: [
      ...(ci ? [{ username: `service-account-${ci.clientId}`, enabled: true, serviceAccountClientId: ci.clientId, realmRoles: [role] }] : []),
      // A demo user only in the local development realm; on a server, people are added in the admin console.
      ...(spec.target === 'local'
        ? [
            {
              username: idp.demoUser,
              email: `${idp.demoUser}@${spec.hosts.ui}`,
              emailVerified: true,
              enabled: true,
              firstName: 'Demo',
              lastName: 'User',
              credentials: [{ type: 'password', value: '${KEYCLOAK_DEMO_PASSWORD}', temporary: false }],
              realmRoles: [role],
            },
          ]
        : []),
    ],
  };
  return { name: idp.realm, clientId: idp.clientId, file: `keycloak/${idp.realm}-realm.json`, json, addresses };
}
