import { describe, expect, it } from 'vitest';
import { oauth2ProxyOidcGroupsScope } from '../../../src/doctor/checks/oauth2ProxyOidcGroupsScope.js';
import { brief, goodStack, run } from '../helpers.js';

const oidc = (extra: string) =>
  goodStack({
    'oauth2-proxy.cfg': `provider = "oidc"\noidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"\nclient_id = "prefect"\nredirect_url = "http://prefect.localtest.me:8080/oauth2/callback"\nhttp_address = "0.0.0.0:4180"\nreverse_proxy = true\nemail_domains = ["*"]\nupstreams = ["static://202"]\n${extra}`,
  });

describe('oauth2-proxy-oidc-groups-scope', () => {
  it('reports allowed_groups with no scope: oauth2-proxy asks for a groups scope the provider may not have', () => {
    const findings = run(oauth2ProxyOidcGroupsScope, oidc('oidc_groups_claim = "roles"\nallowed_groups = ["prefect-user"]\n'));
    expect(brief(findings)).toEqual(['warning oauth2-proxy-oidc-groups-scope oauth2-proxy.cfg:10']);
    expect(findings[0]!.why).toContain('invalid_scope');
    expect(findings[0]!.fix).toContain('scope = "openid email profile"');
  });

  it('passes a scope spelled out, no groups, and providers that are not the generic one', () => {
    expect(run(oauth2ProxyOidcGroupsScope, oidc('allowed_groups = ["prefect-user"]\nscope = "openid email profile"\n'))).toEqual([]);
    expect(run(oauth2ProxyOidcGroupsScope, oidc(''))).toEqual([]);
    const keycloak = oidc('allowed_groups = ["x"]\n');
    keycloak['oauth2-proxy.cfg'] = String(keycloak['oauth2-proxy.cfg']).replace('provider = "oidc"', 'provider = "keycloak-oidc"');
    expect(run(oauth2ProxyOidcGroupsScope, keycloak)).toEqual([]);
  });
});
