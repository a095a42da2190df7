/**
 * GitLab through oauth2-proxy's gitlab provider, which verifies OIDC tokens:
 * the issuer (GitLab's URL) is required even for gitlab.com.
 */
import { externalProvider } from '../external.js';

export const gitlab = externalProvider({
  type: 'gitlab',
  displayName: 'GitLab',
  provider: 'gitlab',
  issuer: (idp) => idp.url,
  settings: (idp) => [
    { key: 'email_domains', value: ['*'], why: 'who gets in is decided by gitlab_groups below' },
    { key: 'gitlab_groups', value: idp.groups, why: 'only members of these groups may sign in' },
  ],
  registration: (idp, urls, secret) => ({
    console: `GitLab (${idp.url}), under the group's Settings, Applications (or your user's Preferences, Applications)`,
    steps: [
      `Add new application: Redirect URI exactly ${urls.redirect}; Confidential ticked; scopes openid, profile, email`,
      `The Application ID must be ${idp.clientId}; copy the Secret into ${secret} before rendering`,
    ],
    errors: [
      { looks: 'The redirect URI included is not valid.', means: `set the Redirect URI to ${urls.redirect} exactly` },
      { looks: 'HTTP 403 after signing in', means: `the account is not a member of ${idp.groups.join(', ')}, or its email address is not verified` },
    ],
    whoGetsIn: `members of the GitLab groups ${idp.groups.join(', ')} get in`,
  }),
});
