import { describe, expect, it } from 'vitest';
import { entraMultiTenant } from '../../../src/doctor/checks/entraMultiTenant.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

const entra = (issuer: string, extra = '') =>
  goodStack({
    'oauth2-proxy.cfg': `${edit(edit(GOOD_CFG, 'provider = "keycloak-oidc"', 'provider = "entra-id"'), 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"', `oidc_issuer_url = "${issuer}"`)}${extra}`,
  });

describe('entra-multi-tenant', () => {
  it('reports the common and organizations issuers with no allowed tenants', () => {
    const common = run(entraMultiTenant, entra('https://login.microsoftonline.com/common/v2.0'));
    expect(brief(common)).toEqual(['error entra-multi-tenant oauth2-proxy.cfg:2']);
    expect(common[0]!.why).toBe('any Microsoft account, of any tenant or a personal one, can sign in');
    expect(run(entraMultiTenant, entra('https://login.microsoftonline.com/organizations/v2.0'))[0]!.why).toBe('a work or school account of any Entra tenant can sign in');
  });

  it("passes a tenant's own issuer, and a multi-tenant one limited to listed tenants", () => {
    expect(run(entraMultiTenant, entra('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0'))).toEqual([]);
    expect(run(entraMultiTenant, entra('https://login.microsoftonline.com/common/v2.0', 'entra_id_allowed_tenants = ["72f988bf-86f1-41af-91ab-2d7cd011db47"]\n'))).toEqual([]);
    expect(run(entraMultiTenant, goodStack())).toEqual([]);
  });
});
