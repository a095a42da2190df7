/**
 * Google groups that are never checked. oauth2-proxy reads the members of
 * google_groups through the Admin SDK, which needs an admin to impersonate
 * (google_admin_email) and credentials (a service account, or application
 * default credentials). Without the admin email its validation returns early
 * and no group check is configured at all: the setting reads like a gate and
 * is none, and with email_domains = * any Google account gets in. With the
 * email but no credentials, oauth2-proxy refuses to start.
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingBool, settingLine, settingList, settingText, valuePosition } from './util/stack.js';

const ID = 'oauth2-proxy-google-groups';

export const oauth2ProxyGoogleGroups = defineCheck(
  {
    id: ID,
    title: 'Google groups are really checked',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => (settingText(o, 'provider') ?? 'google') === 'google' && (settingList(o, 'google_groups').length > 0 || settingText(o, 'google_group') !== undefined)),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      if ((settingText(instance, 'provider') ?? 'google') !== 'google') continue;
      const key = settingList(instance, 'google_groups').length > 0 ? 'google_groups' : settingText(instance, 'google_group') ? 'google_group' : undefined;
      if (!key) continue;
      const groups = setting(instance, key)!;
      const admin = settingText(instance, 'google_admin_email');
      const credentials = Boolean(settingText(instance, 'google_service_account_json')) || settingBool(instance, 'google_use_application_default_credentials', false);
      if (!admin) {
        report.error(valuePosition(groups), {
          message: `${instanceName(instance)} sets ${key} but no google_admin_email, so the groups are never checked`,
          why: 'oauth2-proxy configures no group check without an admin to read the memberships as (it says nothing); only email_domains decides, and with * any Google account gets in',
          fix: `${settingLine(instance, 'google_admin_email', '"admin@example.com"')} and google_service_account_json (a service account with domain-wide delegation of https://www.googleapis.com/auth/admin.directory.group.member.readonly), or restrict with email_domains = ["example.com"]`,
        });
      } else if (!credentials) {
        report.error(valuePosition(groups), {
          message: `${instanceName(instance)} sets ${key} and google_admin_email but no credentials to read the groups with`,
          why: 'oauth2-proxy refuses to start: "missing setting: google-service-account-json or google-use-application-default-credentials"',
          fix: settingLine(instance, 'google_service_account_json', '"/etc/oauth2-proxy/google-service-account.json"'),
        });
      }
    }
  },
);
