import { describe, expect, it } from 'vitest';
import { oauth2ProxyGoogleGroups } from '../../../src/doctor/checks/oauth2ProxyGoogleGroups.js';
import { oauth2ProxyEmailDomain } from '../../../src/doctor/checks/oauth2ProxyEmailDomain.js';
import { brief, goodStack, run } from '../helpers.js';

const google = (extra: string) =>
  goodStack({
    'oauth2-proxy.cfg': `provider = "google"\nclient_id = "1-a.apps.googleusercontent.com"\nredirect_url = "http://prefect.localtest.me:8080/oauth2/callback"\nhttp_address = "0.0.0.0:4180"\nreverse_proxy = true\nemail_domains = ["*"]\nupstreams = ["static://202"]\n${extra}`,
  });

describe('oauth2-proxy-google-groups', () => {
  it('reports google_groups without google_admin_email: oauth2-proxy silently checks no group', () => {
    const stack = google('google_groups = ["prefect@example.com"]\n');
    const findings = run(oauth2ProxyGoogleGroups, stack);
    expect(brief(findings)).toEqual(['error oauth2-proxy-google-groups oauth2-proxy.cfg:8']);
    expect(findings[0]!.message).toBe('oauth2-proxy (service oauth2-proxy) sets google_groups but no google_admin_email, so the groups are never checked');
    // …and the email-domain check no longer counts those groups as a restriction.
    expect(brief(run(oauth2ProxyEmailDomain, stack))).toEqual(['error oauth2-proxy-email-domain oauth2-proxy.cfg:6']);
  });

  it('reports an admin email without credentials, which oauth2-proxy refuses at start', () => {
    const findings = run(oauth2ProxyGoogleGroups, google('google_groups = ["prefect@example.com"]\ngoogle_admin_email = "admin@example.com"\n'));
    expect(findings[0]!.why).toContain('missing setting: google-service-account-json or google-use-application-default-credentials');
  });

  it('passes groups with an admin and a service account (or application default credentials), and no groups at all', () => {
    expect(run(oauth2ProxyGoogleGroups, google('google_groups = ["p@example.com"]\ngoogle_admin_email = "a@example.com"\ngoogle_service_account_json = "/sa.json"\n'))).toEqual([]);
    expect(run(oauth2ProxyGoogleGroups, google('google_groups = ["p@example.com"]\ngoogle_admin_email = "a@example.com"\ngoogle_use_application_default_credentials = true\n'))).toEqual([]);
    expect(run(oauth2ProxyGoogleGroups, google(''))).toEqual([]);
  });
});
