import { describe, expect, it } from 'vitest';
import { issuerFormat } from '../../../src/doctor/checks/issuerFormat.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

const withIssuer = (line: string, provider = 'keycloak-oidc') =>
  goodStack({ 'oauth2-proxy.cfg': edit(edit(GOOD_CFG, 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"', line), 'provider = "keycloak-oidc"', `provider = "${provider}"`) });

describe('issuer-format', () => {
  it('reports a Keycloak issuer with a trailing slash, with the exact line to write', () => {
    const findings = run(issuerFormat, withIssuer('oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect/"'));
    expect(brief(findings)).toEqual(['error issuer-format oauth2-proxy.cfg:2']);
    expect(findings[0]!.fix).toBe('oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"');
  });

  it('reports the pre-17 /auth/realms path against the bundled Keycloak 26', () => {
    const findings = run(issuerFormat, withIssuer('oidc_issuer_url = "http://keycloak.localtest.me:8080/auth/realms/prefect"'));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('pre-17 /auth/realms/')]);
    expect(findings[0]!.fix).toBe('oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"');
  });

  it('reports an Entra ID issuer without /v2.0 and an Auth0 issuer without its trailing slash', () => {
    const entra = run(issuerFormat, withIssuer('oidc_issuer_url = "https://login.microsoftonline.com/0000-tenant"', 'entra-id'));
    expect(entra[0]!.fix).toBe('oidc_issuer_url = "https://login.microsoftonline.com/0000-tenant/v2.0"');
    const auth0 = run(issuerFormat, withIssuer('oidc_issuer_url = "https://acme.eu.auth0.com"', 'oidc'));
    expect(auth0[0]!.fix).toBe('oidc_issuer_url = "https://acme.eu.auth0.com/"');
  });

  it('reports the discovery document given as the issuer, and an oidc provider without an issuer', () => {
    const doc = run(issuerFormat, withIssuer('oidc_issuer_url = "https://idp.example.com/.well-known/openid-configuration"', 'oidc'));
    expect(doc[0]!.message).toContain('the discovery document, not the issuer');
    const none = run(issuerFormat, withIssuer('# no issuer', 'oidc'));
    expect(brief(none)).toEqual(['error issuer-format oauth2-proxy.cfg:1']);
  });

  it("reports an Okta endpoint path given as the issuer, with the authorization server's issuer", () => {
    const org = run(issuerFormat, withIssuer('oidc_issuer_url = "https://acme.okta.com/oauth2/v1"', 'oidc'));
    expect(org[0]!.message).toBe('oidc_issuer_url is an Okta endpoint path, not an issuer');
    expect(org[0]!.fix).toBe('oidc_issuer_url = "https://acme.okta.com"');
    const custom = run(issuerFormat, withIssuer('oidc_issuer_url = "https://acme.okta.com/oauth2/default/v1/authorize"', 'oidc'));
    expect(custom[0]!.fix).toBe('oidc_issuer_url = "https://acme.okta.com/oauth2/default"');
    expect(run(issuerFormat, withIssuer('oidc_issuer_url = "https://acme.okta.com/oauth2/default"', 'oidc'))).toEqual([]);
    expect(run(issuerFormat, withIssuer('oidc_issuer_url = "https://acme.okta.com"', 'oidc'))).toEqual([]);
  });

  it('reports gitlab without an issuer (required since oauth2-proxy 7.3, even for gitlab.com)', () => {
    const none = run(issuerFormat, withIssuer('# no issuer', 'gitlab'));
    expect(brief(none)).toEqual(['error issuer-format oauth2-proxy.cfg:1']);
    expect(none[0]!.fix).toBe('oidc_issuer_url = "https://gitlab.com"');
  });

  it('passes correct issuers for Keycloak, Entra ID and Auth0', () => {
    expect(run(issuerFormat, goodStack())).toEqual([]);
    expect(run(issuerFormat, withIssuer('oidc_issuer_url = "https://login.microsoftonline.com/0000-tenant/v2.0"', 'entra-id'))).toEqual([]);
    expect(run(issuerFormat, withIssuer('oidc_issuer_url = "https://acme.eu.auth0.com/"', 'oidc'))).toEqual([]);
  });
});
