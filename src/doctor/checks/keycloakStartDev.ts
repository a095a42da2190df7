/** `start-dev` (in-memory H2 database, relaxed hostname, no caching) is for a laptop, not a server others use. */
import { defineCheck } from './check.js';
import { publicRoutes } from './util/routes.js';
import { isLocalStack } from './util/stack.js';
import { parseUrl } from './util/urls.js';

const ID = 'keycloak-start-dev';

export const keycloakStartDev = defineCheck(
  {
    id: ID,
    title: 'Keycloak runs in production mode outside a local stack',
    severity: 'error',
    appliesTo: (model) => model.keycloaks.length > 0,
  },
  (model, report) => {
    const hosts = [
      ...publicRoutes(model).flatMap((r) => r.hosts),
      ...model.keycloaks.map((k) => k.options.get('hostname')?.value).map((h) => parseUrl(h)?.host ?? h).filter((h): h is string => !!h),
      ...model.oauth2Proxies.map((o) => parseUrl(String(o.settings.get('oidc_issuer_url')?.value ?? ''))?.host).filter((h): h is string => !!h),
    ];
    if (isLocalStack(model, hosts) || hosts.length === 0) return [];
    for (const keycloak of model.keycloaks) {
      if (keycloak.mode?.value !== 'start-dev') continue;
      report.error(keycloak.mode.at, {
        message: `${keycloak.service} runs "start-dev" on a stack served as ${[...new Set(hosts)].slice(0, 3).join(', ')}`,
        why: 'development mode keeps users and realms in an embedded H2 database, relaxes hostname checks and disables caching: not for anything others depend on',
        fix: 'command: ["start", "--optimized"] with KC_DB=postgres, KC_DB_URL, KC_HOSTNAME=https://<public-host> and KC_PROXY_HEADERS=xforwarded',
      });
    }
  },
);
