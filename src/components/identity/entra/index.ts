/**
 * Microsoft Entra ID through oauth2-proxy's entra-id provider: one tenant, the
 * v2.0 issuer (the tenant's GUID, never a domain name: the tokens name the
 * GUID), and app roles or group object IDs deciding who may sign in.
 */
import { externalProvider } from '../external.js';

export const entra = externalProvider({
  type: 'entra',
  displayName: 'Microsoft Entra ID',
  provider: 'entra-id',
  issuer: (idp) => `https://login.microsoftonline.com/${idp.tenantId}/v2.0`,
  settings: (idp) => {
    const roles = idp.allowedRoles !== undefined;
    return [
      { key: 'email_domains', value: ['*'], why: `who gets in is decided by allowed_groups below (${roles ? 'app roles' : 'group object IDs'})` },
      ...(roles ? [{ key: 'oidc_groups_claim', value: 'roles', why: 'app roles assigned to the person arrive in the roles claim (no group overage)' }] : []),
      { key: 'allowed_groups', value: roles ? idp.allowedRoles! : idp.allowedGroups!, why: roles ? 'only people assigned one of these app roles may sign in' : 'only members of these groups (object IDs) may sign in' },
      ...(idp.emailClaim === 'email' ? [] : [{ key: 'oidc_email_claim', value: idp.emailClaim, why: 'accounts without a mailbox have no email claim' }]),
      {
        key: 'scope',
        value: `openid email profile offline_access${roles ? '' : ' User.Read'}`,
        why: roles
          ? 'offline_access: a refresh token, so the session is checked again (cookie_refresh)'
          : 'offline_access: a refresh token, so the session is checked again (cookie_refresh); User.Read: oauth2-proxy reads the groups of people in more than 200 groups from Microsoft Graph',
      },
    ];
  },
  tokens: (idp, tokens) => ({
    params: [`scope=${tokens.scope ?? `api://${idp.clientId}/.default`}`],
    registration: [
      `On this app registration: Expose an API with Application ID URI api://${idp.clientId}; in its Manifest set requestedAccessTokenVersion (accessTokenAcceptedVersion) to 2, so tokens carry the v2.0 issuer and aud ${idp.clientId}`,
      `App roles: an app role with Allowed member types Applications${idp.allowedRoles ? ` and Value ${idp.allowedRoles[0]}` : ''}`,
      `A second app registration for CI (its client ID is ${tokens.clientId} in the commands below); API permissions: add the app role of this app (Application permission) and grant admin consent; Certificates & secrets: a client secret for CI`,
    ],
  }),
  registration: (idp, urls, secret) => ({
    console: 'the Microsoft Entra admin center (entra.microsoft.com), under App registrations',
    steps: [
      `New registration: "Accounts in this organizational directory only (single tenant)"; Redirect URI: platform Web (not Single-page application), exactly ${urls.redirect}`,
      `Overview: the Application (client) ID is ${idp.clientId} and the Directory (tenant) ID is ${idp.tenantId}; they must match the spec`,
      `Certificates & secrets: New client secret; copy its Value (not its Secret ID) into ${secret} before rendering`,
      idp.allowedRoles !== undefined
        ? `App roles: Create app role with Allowed member types Users/Groups and Value ${idp.allowedRoles.join(', ')}; then Enterprise applications, this app, Users and groups: assign the people or groups`
        : `Token configuration: Add groups claim, Security groups, Group ID in the ID token; the groups allowed are ${idp.allowedGroups!.join(', ')}`,
      'API permissions: Microsoft Graph delegated User.Read (there by default), plus openid, profile, email and offline_access; grant admin consent if your tenant requires it',
      'Leave "ID tokens (implicit and hybrid flows)" unticked: oauth2-proxy redeems the code at the token endpoint',
    ],
    errors: [
      { looks: 'AADSTS50011: The redirect URI ... does not match the redirect URIs configured for the application', means: `add ${urls.redirect} exactly, under the Web platform` },
      { looks: "AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests", means: 'the redirect URI is under Single-page application; move it to Web' },
      { looks: 'AADSTS7000215: Invalid client secret provided', means: `${secret} holds the secret's ID or an expired secret; copy the Value of a current one and render again` },
      { looks: 'HTTP 500 and oauth2-proxy logs "neither the id_token nor the profileURL set an email"', means: 'the person has no mailbox: set identityProvider.emailClaim: preferred_username' },
      { looks: 'HTTP 403 after signing in', means: idp.allowedRoles !== undefined ? 'the person holds none of the app roles: assign one (Enterprise applications, Users and groups)' : 'the person is in none of the groups, or the groups claim is not configured (Token configuration)' },
    ],
    whoGetsIn: idp.allowedRoles !== undefined ? `people of the tenant assigned the app role ${idp.allowedRoles.join(' or ')} get in` : `members of the groups ${idp.allowedGroups!.join(', ')} get in`,
  }),
});
