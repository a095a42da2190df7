/**
 * Current Keycloak images read KC_HOSTNAME (hostname v2, 25+: a bare host or
 * a full URL). KEYCLOAK_HOSTNAME belonged to the old image and is ignored; a
 * bare host cannot carry a path; the v1 options hostname-url/-path/-port and
 * friends were removed in 25.
 */
import { defineCheck } from './check.js';

const ID = 'keycloak-hostname';
const REMOVED_V1 = ['hostname-url', 'hostname-path', 'hostname-port', 'hostname-admin-url', 'hostname-strict-https'];

export const keycloakHostname = defineCheck(
  {
    id: ID,
    title: 'Keycloak hostname settings are ones it reads',
    severity: 'error',
    appliesTo: (model) => model.keycloaks.some((k) => k.official),
  },
  (model, report) => {
    for (const keycloak of model.keycloaks.filter((k) => k.official)) {
      const legacy = keycloak.environment.get('KEYCLOAK_HOSTNAME');
      if (legacy) {
        report.error(legacy.at, {
          message: `service ${keycloak.service} sets KEYCLOAK_HOSTNAME, which current Keycloak images ignore`,
          why: 'Keycloak then advertises whatever host each request used, so the issuer differs between the browser and oauth2-proxy',
          fix: `KC_HOSTNAME: "https://<public-host>"   (a full URL fixes scheme, host and port)`,
        });
      }
      const hostname = keycloak.options.get('hostname');
      if (hostname && !/^[a-z]+:\/\//i.test(hostname.value) && hostname.value.includes('/')) {
        report.error(hostname.at, {
          message: `${hostname.written} of ${keycloak.service} holds a path but no scheme`,
          why: 'a bare hostname cannot carry a path; Keycloak refuses it (or serves at the wrong path)',
          fix: `${hostname.written}=https://${hostname.value}   (hostname v2 takes a full URL with the path)`,
        });
      }
      if ((keycloak.majorVersion ?? 99) < 25) continue;
      for (const name of REMOVED_V1) {
        const option = keycloak.options.get(name);
        if (!option) continue;
        report.error(option.at, {
          message: `${option.written} of ${keycloak.service} is a hostname v1 option, removed in Keycloak 25`,
          why: 'Keycloak ignores it or stops at start-up, and the issuer is not what you configured',
          fix: 'put the whole public URL in KC_HOSTNAME, e.g. KC_HOSTNAME=https://auth.example.com:8443/auth',
        });
      }
    }
  },
);
