/** `azure` and `keycloak` are deprecated providers; `entra-id` and `keycloak-oidc` replace them. */
import { defineCheck } from './check.js';
import { instanceName, setting, settingLine, valuePosition } from './util/stack.js';

const ID = 'oauth2-proxy-deprecated-provider';

const REPLACEMENTS: Record<string, { provider: string; note: string }> = {
  azure: { provider: 'entra-id', note: 'and oidc_issuer_url = "https://login.microsoftonline.com/<tenant>/v2.0"' },
  keycloak: { provider: 'keycloak-oidc', note: 'and oidc_issuer_url = "https://<keycloak-host>/realms/<realm>" (allowed_roles then restricts by realm role)' },
};

export const oauth2ProxyDeprecatedProvider = defineCheck(
  {
    id: ID,
    title: 'oauth2-proxy uses a current provider',
    severity: 'warning',
    appliesTo: (model) => model.oauth2Proxies.length > 0,
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const provider = setting(instance, 'provider');
      const replacement = provider && typeof provider.value === 'string' ? REPLACEMENTS[provider.value.trim()] : undefined;
      if (!provider || !replacement) continue;
      report.warning(valuePosition(provider), {
        message: `${instanceName(instance)} uses the deprecated provider "${String(provider.value).trim()}"`,
        why: `it is kept only for compatibility and lacks the OIDC handling of "${replacement.provider}"; it will be removed`,
        fix: `${settingLine(instance, 'provider', JSON.stringify(replacement.provider))} ${replacement.note}`,
      });
    }
  },
);
