/** KC_PROXY / --proxy was removed in Keycloak 26: KC_PROXY_HEADERS (and KC_HTTP_ENABLED behind TLS termination) replace it. */
import { defineCheck } from './check.js';

const ID = 'keycloak-proxy-option';

export const keycloakProxyOption = defineCheck(
  {
    id: ID,
    title: 'Keycloak proxy settings are current',
    severity: 'error',
    appliesTo: (model) => model.keycloaks.some((k) => k.official),
  },
  (model, report) => {
    for (const keycloak of model.keycloaks.filter((k) => k.official)) {
      const option = keycloak.options.get('proxy');
      if (!option) continue;
      const version = keycloak.majorVersion;
      if (version !== undefined && version < 24) continue;
      report.add(version === undefined || version >= 26 ? 'error' : 'warning', option.at, {
        message: `${option.written} of ${keycloak.service} ${version === undefined || version >= 26 ? 'was removed in Keycloak 26' : 'is deprecated and removed in Keycloak 26'}`,
        why: 'Keycloak no longer reads X-Forwarded-* because of it: behind the proxy it builds http:// URLs and the wrong host into the issuer and redirects',
        fix: `KC_PROXY_HEADERS: "xforwarded"  and, when the proxy terminates TLS,  KC_HTTP_ENABLED: "true"`,
      });
    }
  },
);
