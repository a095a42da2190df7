import { describe, expect, it } from 'vitest';
import { oauth2ProxyEmailDomain } from '../../../src/doctor/checks/oauth2ProxyEmailDomain.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

const open = edit(GOOD_CFG, 'allowed_roles = ["prefect-user"]\n', '');

describe('oauth2-proxy-email-domain', () => {
  it('is an error with the github provider and no org/team restriction', () => {
    const cfg = edit(open, 'provider = "keycloak-oidc"', 'provider = "github"');
    const findings = run(oauth2ProxyEmailDomain, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['error oauth2-proxy-email-domain oauth2-proxy.cfg:8']);
    expect(findings[0]!.why).toBe('any GitHub account can sign in to Prefect');
  });

  it('is a warning for a private identity provider without a role restriction', () => {
    expect(brief(run(oauth2ProxyEmailDomain, goodStack({ 'oauth2-proxy.cfg': open })))).toEqual(['warning oauth2-proxy-email-domain oauth2-proxy.cfg:8']);
  });

  it('is an error when email_domains is missing, which stops oauth2-proxy', () => {
    const cfg = edit(GOOD_CFG, 'email_domains = ["*"]\n', '');
    expect(run(oauth2ProxyEmailDomain, goodStack({ 'oauth2-proxy.cfg': cfg }))[0]!.why).toContain('missing setting for email validation');
  });

  it('passes * with allowed_roles, and a github org restriction', () => {
    expect(run(oauth2ProxyEmailDomain, goodStack())).toEqual([]);
    const cfg = `${edit(open, 'provider = "keycloak-oidc"', 'provider = "github"')}github_org = "acme"\n`;
    expect(run(oauth2ProxyEmailDomain, goodStack({ 'oauth2-proxy.cfg': cfg }))).toEqual([]);
  });
});
