/**
 * Behind a reverse proxy, only the proxy should publish ports. A published
 * Prefect, database, Redis, Keycloak or oauth2-proxy port is a way around
 * the proxy and its sign-in.
 */
import type { Service, StackModel } from '../load/model.js';
import { is } from '../load/roles.js';
import { defineCheck } from './check.js';
import { frontProxies, hasFrontProxy } from './util/stack.js';

const ID = 'exposure-published-backend';

function kind(model: StackModel, s: Service): string | undefined {
  if (model.prefect.services.some((p) => p.service === s.name && p.serves)) return 'the Prefect API and UI, without the sign-in in front of them';
  if (is.postgres(s)) return 'the database';
  if (is.redis(s)) return 'Redis (usually without a password)';
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
        const loopback = port.hostIp !== undefined && /^(127\.|::1$|localhost$)/.test(port.hostIp);
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
