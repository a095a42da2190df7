/**
 * Okta through oauth2-proxy's generic oidc provider. The authorization server
 * decides the issuer: the org server is https://<domain>, a custom one
 * https://<domain>/oauth2/<id> (the classic mismatch).
 */
import { externalProvider } from '../external.js';

export const okta = externalProvider({
  type: 'okta',
  displayName: 'Okta',
  provider: 'oidc',
  issuer: (idp) => (idp.authorizationServer === 'org' ? `https://${idp.domain}` : `https://${idp.domain}/oauth2/${idp.authorizationServer}`),
  settings: (idp) => [
    { key: 'email_domains', value: ['*'], why: 'who gets in is decided by allowed_groups below' },
    { key: 'oidc_groups_claim', value: 'groups', why: 'the groups claim Okta adds to the ID token (see NEXT_STEPS)' },
    { key: 'allowed_groups', value: idp.allowedGroups, why: 'only members of these Okta groups may sign in' },
    {
      key: 'scope',
      value: `openid email profile offline_access${idp.authorizationServer === 'org' ? ' groups' : ''}`,
      why: `offline_access: a refresh token, so the session is checked again (cookie_refresh)${idp.authorizationServer === 'org' ? '; groups: the org authorization server sends the groups claim only on request' : ''}`,
    },
  ],
  tokens: (idp, tokens) => ({
    params: [`scope=${tokens.scope}`],
    registration: [
      `Security, API, Authorization Servers, ${idp.authorizationServer}, Scopes: add ${tokens.scope}`,
      `Applications, Create App Integration: API Services (client credentials); its Client ID is ${tokens.clientId} in the commands below`,
      `Claims: add groups to the access token for that app (Value type Groups, or a static value that is one of ${idp.allowedGroups.join(', ')})${tokens.audience ? '' : '; the default audience is api://default: set machineAccess.tokens.audience to it'}`,
    ],
  }),
  registration: (idp, urls, secret) => {
    const org = idp.authorizationServer === 'org';
    return {
      console: `the Okta Admin Console (https://${idp.domain.replace(/\.okta\.com$/, '-admin.okta.com')})`,
      steps: [
        'Applications, Create App Integration: OIDC - OpenID Connect, Web Application',
        'Grant types: Authorization Code and Refresh Token',
        `Sign-in redirect URIs: exactly ${urls.redirect}; Sign-out redirect URIs: ${urls.ui}`,
        `Assignments: assign the groups ${idp.allowedGroups.join(', ')}`,
        `General, Client Credentials: the Client ID must be ${idp.clientId}; copy the Client Secret into ${secret} before rendering`,
        org
          ? 'Sign On, OpenID Connect ID Token: Groups claim type Filter, Groups claim filter "groups" Matches regex .*'
          : `Security, API, Authorization Servers, ${idp.authorizationServer}, Claims: Add Claim "groups", Include in token type ID Token Always, Value type Groups, Filter Matches regex .*`,
      ],
      errors: [
        { looks: "400 Bad Request: The 'redirect_uri' parameter must be a Login redirect URI in the client app settings", means: `add ${urls.redirect} exactly to Sign-in redirect URIs` },
        { looks: 'oauth2-proxy does not start: "oidc: issuer did not match the issuer returned by provider"', means: `identityProvider.authorizationServer does not match the server the app uses (org: https://${idp.domain}; default: https://${idp.domain}/oauth2/default), or a custom URL domain changes the issuer` },
        { looks: 'HTTP 403 after signing in', means: 'the person is in none of the allowed groups, or the ID token has no groups claim (the claim step above)' },
        { looks: 'User is not assigned to the client application', means: 'assign the person or one of their groups to the app (Assignments)' },
      ],
      whoGetsIn: `members of the Okta groups ${idp.allowedGroups.join(', ')} get in`,
    };
  },
});
