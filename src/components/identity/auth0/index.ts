/**
 * Auth0 through oauth2-proxy's generic oidc provider. Its issuer ends in a
 * slash; roles reach the ID token only as a namespaced claim a post-login
 * Action sets (Auth0 drops a plain "roles" claim).
 */
import type { Spec } from '../../../config/schema.js';
import { externalProvider, type ProviderSpec } from '../external.js';

/** The claim the post-login Action fills with the person's roles. */
export function rolesClaim(idp: ProviderSpec<'auth0'>, spec: Spec): string {
  return idp.rolesClaim ?? `https://${spec.hosts.ui}/roles`;
}

export const auth0 = externalProvider({
  type: 'auth0',
  displayName: 'Auth0',
  provider: 'oidc',
  issuer: (idp) => `https://${idp.domain}/`,
  settings: (idp, spec) => [
    { key: 'email_domains', value: ['*'], why: 'who gets in is decided by allowed_groups below' },
    { key: 'oidc_groups_claim', value: rolesClaim(idp, spec), why: 'the namespaced claim the post-login Action fills with the roles (see NEXT_STEPS)' },
    { key: 'allowed_groups', value: idp.allowedRoles, why: 'only people holding one of these Auth0 roles may sign in' },
    { key: 'scope', value: 'openid email profile offline_access', why: 'offline_access: a refresh token, so the session is checked again (cookie_refresh)' },
  ],
  tokens: (idp, tokens) => ({
    params: [`audience=${tokens.audience}`],
    registration: [
      `Applications, APIs: an API with the identifier ${tokens.audience}`,
      `Applications, Create Application: Machine to Machine, authorized for that API; its Client ID is ${tokens.clientId} in the commands below`,
      `Actions, Library: a Machine to Machine (credentials exchange) Action that sets the roles claim on the access token, e.g. api.accessToken.setCustomClaim('<rolesClaim>', ['${idp.allowedRoles[0]}'])`,
    ],
  }),
  registration: (idp, urls, secret, spec) => {
    const claim = rolesClaim(idp, spec);
    return {
      console: `the Auth0 Dashboard of the tenant ${idp.domain}`,
      steps: [
        'Applications, Create Application: Regular Web Applications',
        `Settings: Allowed Callback URLs exactly ${urls.redirect}; Allowed Logout URLs ${urls.ui}`,
        'Settings, Advanced Settings, Grant Types: Authorization Code and Refresh Token',
        `Settings: the Client ID must be ${idp.clientId}; copy the Client Secret into ${secret} before rendering`,
        `User Management, Roles: create ${idp.allowedRoles.join(', ')} and assign them to the people who may sign in`,
        `Actions, Library, Create Action (Login / Post Login) with: exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('${claim}', event.authorization?.roles ?? []); }; deploy it and add it to the post-login trigger`,
      ],
      errors: [
        { looks: 'Callback URL mismatch ... is not in the list of allowed callback URLs', means: `add ${urls.redirect} exactly to Allowed Callback URLs` },
        { looks: 'HTTP 403 after signing in', means: `the person holds none of the roles, or the Action is not in the post-login trigger (the ID token has no ${claim} claim)` },
        { looks: 'oauth2-proxy does not start: "oidc: issuer did not match the issuer returned by provider"', means: 'a custom domain is in use: set identityProvider.domain to it' },
      ],
      whoGetsIn: `people holding the Auth0 role ${idp.allowedRoles.join(' or ')} get in`,
    };
  },
});
