/**
 * email_domains = * admits every account the identity provider vouches for.
 * With Google or GitHub that is anyone on the internet, unless a group, org,
 * team or role restriction narrows it. No email_domains at all (and no
 * emails file) stops oauth2-proxy at start-up.
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingHome, settingLine, settingList, settingText, valuePosition } from './util/stack.js';

const ID = 'oauth2-proxy-email-domain';

const RESTRICTIONS = [
  'allowed_groups', 'allowed_roles', 'github_org', 'github_team', 'github_repo', 'github_users', 'google_groups', 'google_group',
  'gitlab_groups', 'gitlab_group', 'gitlab_projects', 'keycloak_groups', 'bitbucket_team', 'bitbucket_repository', 'entra_id_allowed_tenants',
];
const PUBLIC_PROVIDERS: Record<string, string> = {
  google: 'any Google account',
  github: 'any GitHub account',
  gitlab: 'any gitlab.com account',
  bitbucket: 'any Bitbucket account',
};
const RESTRICTION_FIX: Record<string, string> = {
  google: 'google_groups = ["admins@example.com"] (with google_admin_email and a service account), or email_domains = ["example.com"]',
  github: 'github_org = "your-org" (and github_team = "your-team")',
  gitlab: 'gitlab_groups = ["your-group"]',
  'keycloak-oidc': 'allowed_roles = ["prefect-user"]',
  'entra-id': 'allowed_groups = ["<group object id>"]',
};

export const oauth2ProxyEmailDomain = defineCheck(
  {
    id: ID,
    title: 'Sign-in is restricted to the right people',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.length > 0,
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const provider = settingText(instance, 'provider') ?? 'google';
      const domains = settingList(instance, 'email_domains');
      const domainSetting = setting(instance, 'email_domains');
      if (domains.length === 0 && !settingText(instance, 'authenticated_emails_file') && !settingText(instance, 'htpasswd_file')) {
        report.error(domainSetting ? valuePosition(domainSetting) : settingHome(model, instance), {
          message: `${instanceName(instance)} sets no email_domains (and no authenticated_emails_file)`,
          why: 'oauth2-proxy refuses to start: "missing setting for email validation: email-domain or authenticated-emails-file required"',
          fix: settingLine(instance, 'email_domains', '["example.com"]'),
        });
        continue;
      }
      if (!domains.includes('*')) continue;
      // Google groups restrict only with an admin to read them as (oauth2-proxy-google-groups says more).
      const unchecked = (key: string) => key.startsWith('google_group') && !settingText(instance, 'google_admin_email');
      const restricted = RESTRICTIONS.some((key) => !unchecked(key) && (settingList(instance, key).length > 0 || (settingText(instance, key) ?? '') !== ''));
      if (restricted) continue;
      const who = PUBLIC_PROVIDERS[provider];
      report.add(who ? 'error' : 'warning', domainSetting ? valuePosition(domainSetting) : settingHome(model, instance), {
        message: `${instanceName(instance)} accepts every email domain (*) with no group, role or organisation restriction`,
        why: who ? `${who} can sign in to Prefect` : `every account of the identity provider (${provider}) can sign in, including ones created for other applications`,
        fix: RESTRICTION_FIX[provider] ?? 'allowed_groups = ["prefect-users"], or email_domains = ["example.com"]',
      });
    }
  },
);
