/**
 * Behind a reverse proxy, only the proxy should publish ports. A published
 * Prefect, Keycloak or oauth2-proxy port is a way around the proxy and its
 * sign-in (a published database or Redis is exposure-published-data's, proxy
 * or not).
 */
import type { Service, StackModel } from '../load/model.js';
import { is } from '../load/roles.js';
import { defineCheck } from './check.js';
import { publicRoutes, routesTo } from './util/routes.js';
import { frontProxies, hasFrontProxy, onLoopback, settingText } from './util/stack.js';
import { parseUrl } from './util/urls.js';

/**
 * The issuer URL the browser signs in at, when it is this service's published
 * port and no proxy route serves the service: unpublishing it would break sign-in.
 */
function browserIssuer(model: StackModel, s: Service, published: string | undefined): string | undefined {
  if (!published || publicRoutes(model).some((r) => routesTo(model, r, s.name))) return undefined;
  for (const instance of model.oauth2Proxies) {
    for (const key of ['oidc_issuer_url', 'login_url']) {
      const text = settingText(instance, key);
      const url = text ? parseUrl(text) : undefined;
      if (url && String(url.port) === published && !model.services.some((other) => other.name.toLowerCase() === url.host.toLowerCase())) return text;
    }
  }
  return undefined;
}

const ID = 'exposure-published-backend';

function kind(model: StackModel, s: Service): string | undefined {
  if (model.prefect.services.some((p) => p.service === s.name && p.serves)) return 'the Prefect API and UI, without the sign-in in front of them';
  if (is.keycloak(s)) return 'Keycloak, including its admin console';
  if (is.oauth2Proxy(s)) return 'oauth2-proxy itself, which then trusts headers a client forges';
  return undefined;
}

export const exposurePublishedBackend = defineCheck(
  {
    id: ID,
    title: 'Only the reverse proxy publishes ports',
    severity: 'error',
    appliesTo: (model) => hasFrontProxy(model) && model.services.length > 0,
  },
  (model, report) => {
    const proxies = new Set(frontProxies(model).map((s) => s.name));
    for (const s of model.services) {
      if (proxies.has(s.name)) continue;
      const what = kind(model, s);
      if (!what) continue;
      for (const port of s.ports) {
        const issuer = is.keycloak(s) ? browserIssuer(model, s, port.published) : undefined;
        if (issuer) {
          // The browser signs in here: the advice is to move it behind the proxy, not to cut it off.
          report.warning(port.at, {
            message: `${s.name} publishes ${port.raw} around the proxy; the browser signs in there (issuer ${issuer}), so it cannot simply be unpublished`,
            why: 'Keycloak is served without the proxy in front of it: its admin console and every realm answer on that port, with no TLS the proxy would add',
            fix: `route a host name of the proxy to ${s.name} (KC_HOSTNAME set to that public URL, the issuer changed to match), then delete this ports: entry`,
          });
          continue;
        }
        const loopback = onLoopback(port);
        report.add(loopback ? 'warning' : 'error', port.at, {
          message: `${s.name} publishes ${port.raw} ${loopback ? 'on the loopback interface' : 'on every interface of the host'}: ${what}`,
          why: loopback
            ? 'anyone with a shell on this machine (or a browser tab on it) reaches the service without going through the proxy'
            : 'anyone who reaches this machine bypasses the proxy and its sign-in',
          fix: `delete this ports: entry; the proxy reaches ${s.name} over the compose network`,
        });
      }
    }
  },
);
