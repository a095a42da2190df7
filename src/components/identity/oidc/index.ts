/** Any OpenID Connect provider through oauth2-proxy's oidc provider: the issuer exactly as its discovery document states it. */
import { externalProvider } from '../external.js';

export const oidc = externalProvider({
  type: 'oidc',
  displayName: 'your OpenID Connect provider',
  provider: 'oidc',
  issuer: (idp) => idp.issuerUrl,
  settings: (idp) => [
    idp.emailDomains
      ? { key: 'email_domains', value: idp.emailDomains, why: 'only addresses of these domains may sign in' }
      : { key: 'email_domains', value: ['*'], why: 'who gets in is decided by allowed_groups below' },
    ...(idp.allowedGroups
      ? [
          { key: 'oidc_groups_claim', value: idp.groupsClaim, why: 'the ID token claim that holds the groups' },
          { key: 'allowed_groups', value: idp.allowedGroups, why: 'only members of these groups may sign in' },
        ]
      : []),
    ...(idp.emailClaim === 'email' ? [] : [{ key: 'oidc_email_claim', value: idp.emailClaim, why: 'the claim that holds the address' }]),
    {
      key: 'scope',
      value: ['openid', 'email', 'profile', ...(idp.scopes ?? [])].join(' '),
      why: idp.scopes?.length
        ? 'the default scopes and the ones the spec adds'
        : 'said, not left to oauth2-proxy: with allowed_groups it would ask for a "groups" scope too, which providers without one refuse (Keycloak: invalid_scope)',
    },
  ],
  tokens: (idp, tokens) => ({
    params: tokens.scope ? [`scope=${tokens.scope}`] : [],
    registration: [
      `A confidential client for CI with the client credentials grant; its Client ID is ${tokens.clientId} in the commands below`,
      `Its access tokens are JWTs with the issuer ${idp.issuerUrl}, aud ${idp.clientId}${tokens.audience ? ` or ${tokens.audience}` : ''}${idp.allowedGroups ? ` and the ${idp.groupsClaim} claim holding one of ${idp.allowedGroups.join(', ')}` : ''}`,
    ],
  }),
  registration: (idp, urls, secret) => ({
    console: "your provider's administration console",
    steps: [
      'A confidential client (with a client secret) for the authorization code flow; PKCE with S256 if it is offered',
      `Redirect URI: exactly ${urls.redirect}`,
      `The client ID must be ${idp.clientId}; copy the client secret into ${secret} before rendering`,
      ...(idp.allowedGroups ? [`The ID token carries the groups in the claim ${idp.groupsClaim}${idp.scopes?.length ? ` (requested with the scopes ${idp.scopes.join(', ')})` : ''}`] : []),
      'Tokens name the client ID in aud, and email plus email_verified in the ID token',
    ],
    errors: [
      { looks: 'oauth2-proxy does not start: "oidc: issuer did not match the issuer returned by provider"', means: `identityProvider.issuerUrl must be exactly the "issuer" of ${idp.issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration, trailing slash included` },
      { looks: 'HTTP 500 and oauth2-proxy logs "neither the id_token nor the profileURL set an email"', means: 'the ID token has no email claim: set identityProvider.emailClaim' },
      { looks: 'HTTP 403 after signing in', means: idp.allowedGroups ? `the person is in none of ${idp.allowedGroups.join(', ')}, or the ID token has no ${idp.groupsClaim} claim` : `the address is not in ${idp.emailDomains?.join(', ')}` },
    ],
    whoGetsIn: idp.allowedGroups ? `members of ${idp.allowedGroups.join(', ')} get in` : `addresses of ${idp.emailDomains!.join(', ')} get in`,
  }),
});
