/**
 * GitHub through oauth2-proxy's github provider: OAuth, not OIDC (no issuer).
 * An organisation is required; GitHub OAuth apps issue no refresh token, so a
 * session lives at most cookie_expire (set short here).
 */
import { externalProvider } from '../external.js';

/** GitHub cannot re-check a session: how long one lasts before the person signs in (and is checked) again. */
export const GITHUB_SESSION = '24h';

export const github = externalProvider({
  type: 'github',
  displayName: 'GitHub',
  provider: 'github',
  settings: (idp) => [
    { key: 'email_domains', value: ['*'], why: 'who gets in is decided by github_org below' },
    { key: 'github_org', value: idp.org, why: 'only members of this organization may sign in' },
    ...(idp.teams?.length ? [{ key: 'github_team', value: idp.teams.join(','), why: 'and only members of these teams of it' }] : []),
    { key: 'cookie_expire', value: GITHUB_SESSION, why: 'GitHub issues no refresh token, so a session cannot be checked again: someone removed from the organization keeps access at most this long' },
  ],
  registration: (idp, urls, secret) => ({
    console: `GitHub, under the organization's settings (github.com/organizations/${idp.org}/settings/applications), Developer settings, OAuth Apps`,
    steps: [
      `New OAuth App owned by ${idp.org} (an app of the organization sees members whose membership is private)`,
      `Homepage URL: ${urls.ui}; Authorization callback URL: exactly ${urls.redirect}`,
      `The Client ID must be ${idp.clientId}; Generate a new client secret and copy it into ${secret} before rendering`,
    ],
    errors: [
      { looks: 'error=redirect_uri_mismatch: The redirect_uri MUST match the registered callback URL for this application', means: `set the Authorization callback URL to ${urls.redirect} exactly` },
      { looks: 'HTTP 403 after signing in', means: `the account is not a member of ${idp.org}${idp.teams?.length ? ` or of the teams ${idp.teams.join(', ')}` : ''}, or the organization restricts OAuth apps and has not approved this one` },
    ],
    whoGetsIn: `members of the GitHub organization ${idp.org}${idp.teams?.length ? ` (teams ${idp.teams.join(', ')})` : ''} get in`,
  }),
});
