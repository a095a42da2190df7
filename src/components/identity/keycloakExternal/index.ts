/** Your own Keycloak (bundled: false) through oauth2-proxy's keycloak-oidc provider: realm roles decide who may sign in. */
import { externalProvider } from '../external.js';
import { keycloakAccess } from '../keycloak/access.js';

export const keycloakExternal = externalProvider({
  type: 'keycloak',
  appliesTo: (idp) => !idp.bundled,
  displayName: 'Keycloak',
  provider: 'keycloak-oidc',
  issuer: (idp) => `${idp.url}/realms/${idp.realm}`,
  logout: (_idp, issuer) => `${issuer}/protocol/openid-connect/logout?id_token_hint={id_token}`,
  settings: (idp) => keycloakAccess(idp.allowedRoles),
  tokens: (idp, tokens) => ({
    params: tokens.scope ? [`scope=${tokens.scope}`] : [],
    registration: [
      `Clients, Create client: OpenID Connect, Client ID ${tokens.clientId}; Client authentication On; only Service accounts roles (no standard flow)`,
      `Service accounts roles: assign the realm role ${idp.allowedRoles[0]}`,
      `Client scopes: remove email from ${tokens.clientId}'s default scopes (a service account's email_verified: false is refused); in ${tokens.clientId}-dedicated, Add mapper, By configuration, Audience: Included Client Audience ${idp.clientId}, Add to access token On`,
    ],
  }),
  registration: (idp, urls, secret) => ({
    console: `the Keycloak admin console (${idp.url}/admin/), realm ${idp.realm}`,
    steps: [
      `Clients, Create client: OpenID Connect, Client ID ${idp.clientId}; Client authentication On; only Standard flow`,
      `Valid redirect URIs: exactly ${urls.redirect}; Valid post logout redirect URIs: ${urls.ui}/*; Web origins: ${urls.ui}`,
      'Advanced: Proof Key for Code Exchange Code Challenge Method S256',
      `Credentials: copy the Client Secret into ${secret} before rendering`,
      `Client scopes, ${idp.clientId}-dedicated, Add mapper, By configuration, Audience: Included Client Audience ${idp.clientId}, Add to access token On`,
      `Realm roles: create ${idp.allowedRoles.join(', ')} and assign them to the people who may sign in`,
    ],
    errors: [
      { looks: 'Invalid parameter: redirect_uri', means: `add ${urls.redirect} exactly to Valid redirect URIs` },
      { looks: 'oauth2-proxy does not start: "oidc: issuer did not match the issuer returned by provider"', means: `identityProvider.url must be the address Keycloak calls itself (its hostname setting): the issuer must be ${idp.url}/realms/${idp.realm}` },
      { looks: 'HTTP 500 and oauth2-proxy logs "audience from claim aud with value [account] does not match"', means: 'the audience mapper is missing (the Client scopes step)' },
      { looks: 'HTTP 403 after signing in', means: `the person holds none of the realm roles ${idp.allowedRoles.join(', ')}` },
    ],
    whoGetsIn: `people holding the realm role ${idp.allowedRoles.join(' or ')} get in`,
  }),
});
