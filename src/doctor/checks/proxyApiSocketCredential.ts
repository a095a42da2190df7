/**
 * A gate on Prefect's API that demands an Authorization header (basic auth,
 * or a bearer-token check) also meets Prefect's WebSocket handshakes, and
 * those carry only PREFECT_CLIENT_CUSTOM_HEADERS: PREFECT_API_AUTH_STRING
 * and PREFECT_API_KEY authenticate inside the socket, after the upgrade the
 * gate already refused (only events-in adds the header, since 3.8.3;
 * prefect/events/clients.py, prefect/client/subscriptions.py). REST calls
 * work, so the client looks fine, while cancellation, log and event streams
 * and task workers silently fail. A client with a credential for such a host
 * must send the same header through PREFECT_CLIENT_CUSTOM_HEADERS.
 */
import type { StackModel } from '../load/model.js';
import { defineCheck } from './check.js';
import { customHeaders, prefectLine, prefectSettings } from './util/prefect.js';
import { isPrefectUpstream } from './util/prefectUpstream.js';
import { publicRoutes, type PublicRoute } from './util/routes.js';
import { parseUrl } from './util/urls.js';

const ID = 'proxy-api-socket-credential';
const SOCKET_PATH = '/api/events/out';

function servesSockets(route: PublicRoute): boolean {
  return route.exact ? route.path === SOCKET_PATH : route.path === '' || SOCKET_PATH.startsWith(route.path);
}

/** Hosts whose socket path is answered by a route that demands Authorization (basic auth or a token check), with that route. */
function headerGates(model: StackModel): Map<string, PublicRoute> {
  const gates = new Map<string, PublicRoute>();
  const byHost = new Map<string, PublicRoute[]>();
  for (const route of publicRoutes(model)) {
    if (!servesSockets(route) || !route.upstream || !isPrefectUpstream(model, route.upstream.text)) continue;
    for (const host of route.hosts) byHost.set(host.toLowerCase(), [...(byHost.get(host.toLowerCase()) ?? []), route]);
  }
  for (const [host, routes] of byHost) {
    // The longest path wins, as the proxies pick it.
    const route = routes.sort((a, b) => b.path.length - a.path.length)[0]!;
    if ((route.basic || route.tokenOnly) && !route.sso) gates.set(host, route);
  }
  return gates;
}

export const proxyApiSocketCredential = defineCheck(
  {
    id: ID,
    title: "Clients send the gate's header on WebSocket handshakes too",
    severity: 'error',
    appliesTo: (model) => model.prefect.profiles.length + model.prefect.tomlFiles.length + model.prefect.services.length > 0 && headerGates(model).size > 0,
  },
  (model, report) => {
    const gates = headerGates(model);
    for (const client of prefectSettings(model).filter((s) => s.kind !== 'server')) {
      const url = parseUrl(client.get('PREFECT_API_URL')?.value);
      const gate = url && gates.get(url.host.toLowerCase());
      if (!gate) continue;
      // Judge only clients that carry a REST credential here; one given by CI's environment is not visible.
      const credential = client.get('PREFECT_API_AUTH_STRING') ?? client.get('PREFECT_API_KEY');
      if (!credential?.value) continue;
      const headers = customHeaders(client);
      if (headers === undefined || headers['authorization'] !== undefined) continue;
      const scheme = credential.name === 'PREFECT_API_KEY' ? 'Bearer <the key>' : 'Basic <base64 of the auth string>';
      report.error(credential.at, {
        message: `${client.label} authenticates to ${url!.host} with ${credential.name} but sends no Authorization header through PREFECT_CLIENT_CUSTOM_HEADERS, and ${gate.proxy} demands one on ${gate.path || '/'} (WebSocket handshakes included)`,
        why: 'Prefect sends that credential inside the socket after the upgrade, which the gate has already refused: REST calls work while cancellation, log and event streams and task workers silently fail',
        fix: prefectLine(client, 'PREFECT_CLIENT_CUSTOM_HEADERS', `{"Authorization": "${scheme}"}`) + '   (Prefect 3.4.8 or newer)',
      });
    }
  },
);
