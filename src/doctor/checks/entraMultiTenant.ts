/**
 * Entra ID's multi-tenant issuers (common, organizations, consumers) accept
 * accounts of every tenant unless oauth2-proxy is given the tenants to allow
 * (entra_id_allowed_tenants): any Microsoft work account (or, with common and
 * consumers, any personal one) signs in.
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingLine, settingList, settingText, valuePosition } from './util/stack.js';
import { parseUrl } from './util/urls.js';

const ID = 'entra-multi-tenant';
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

export const entraMultiTenant = defineCheck(
  {
    id: ID,
    title: 'Entra ID admits only your tenants',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => parseUrl(settingText(o, 'oidc_issuer_url') ?? '')?.host.toLowerCase() === 'login.microsoftonline.com'),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const issuer = setting(instance, 'oidc_issuer_url');
      const url = parseUrl(settingText(instance, 'oidc_issuer_url') ?? '');
      if (!issuer || !url || url.host.toLowerCase() !== 'login.microsoftonline.com') continue;
      const tenant = url.path.split('/').filter(Boolean)[0]?.toLowerCase() ?? '';
      if (!MULTI_TENANT.has(tenant) || settingList(instance, 'entra_id_allowed_tenants').length > 0) continue;
      report.error(valuePosition(issuer), {
        message: `${instanceName(instance)} signs in at the multi-tenant issuer "${tenant}" with no entra_id_allowed_tenants`,
        why: tenant === 'organizations' ? 'a work or school account of any Entra tenant can sign in' : 'any Microsoft account, of any tenant or a personal one, can sign in',
        fix: `use your tenant's issuer: ${settingLine(instance, 'oidc_issuer_url', '"https://login.microsoftonline.com/<tenant-id>/v2.0"')}, or list the tenants: entra_id_allowed_tenants = ["<tenant-id>"]`,
      });
    }
  },
);
