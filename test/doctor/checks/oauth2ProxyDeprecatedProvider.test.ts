import { describe, expect, it } from 'vitest';
import { oauth2ProxyDeprecatedProvider } from '../../../src/doctor/checks/oauth2ProxyDeprecatedProvider.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

describe('oauth2-proxy-deprecated-provider', () => {
  it('reports provider = azure with the entra-id replacement', () => {
    const findings = run(oauth2ProxyDeprecatedProvider, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, '"keycloak-oidc"', '"azure"') }));
    expect(brief(findings)).toEqual(['warning oauth2-proxy-deprecated-provider oauth2-proxy.cfg:1']);
    expect(findings[0]!.fix).toContain('provider = "entra-id"');
  });

  it('reports provider = keycloak with the keycloak-oidc replacement', () => {
    const findings = run(oauth2ProxyDeprecatedProvider, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, '"keycloak-oidc"', '"keycloak"') }));
    expect(findings[0]!.fix).toContain('provider = "keycloak-oidc"');
  });

  it('passes current providers', () => {
    expect(run(oauth2ProxyDeprecatedProvider, goodStack())).toEqual([]);
    expect(run(oauth2ProxyDeprecatedProvider, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, '"keycloak-oidc"', '"entra-id"') }))).toEqual([]);
  });
});
