/**
 * The generic oidc provider with allowed_groups and no scope: oauth2-proxy
 * then asks for "openid email profile groups" on its own
 * (providers/oidc.go), and a provider that has no `groups` scope refuses the
 * sign-in before anyone can type a password (Keycloak: "invalid_scope",
 * "Invalid scopes: openid email profile groups"). Seen running the generic
 * path against a real Keycloak.
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingLine, settingList, settingText, valuePosition } from './util/stack.js';

const ID = 'oauth2-proxy-oidc-groups-scope';

export const oauth2ProxyOidcGroupsScope = defineCheck(
  {
    id: ID,
    title: 'The generic OIDC provider asks only for scopes that exist',
    severity: 'warning',
    appliesTo: (model) => model.oauth2Proxies.some((o) => settingText(o, 'provider')?.trim() === 'oidc' && settingList(o, 'allowed_groups').length > 0),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      if (settingText(instance, 'provider')?.trim() !== 'oidc') continue;
      if (settingList(instance, 'allowed_groups').length === 0 || settingText(instance, 'scope')?.trim()) continue;
      report.warning(valuePosition(setting(instance, 'allowed_groups')!), {
        message: `${instanceName(instance)} sets allowed_groups but no scope, so it asks the provider for the scopes "openid email profile groups"`,
        why: 'oauth2-proxy adds a "groups" scope on its own; a provider without one refuses the sign-in (Keycloak: "invalid_scope", "Invalid scopes: openid email profile groups")',
        fix: `${settingLine(instance, 'scope', '"openid email profile"')} (add the scope that brings the groups claim, if your provider has one)`,
      });
    }
  },
);
