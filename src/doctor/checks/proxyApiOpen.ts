/**
 * The Prefect API served by the proxy with no credential at all: no SSO, no
 * basic auth, no token check, and no auth string on the server. Anyone who
 * reaches that host can run and change flows, read blocks and their secrets,
 * and delete everything. Fine on a network nobody else reaches (the spec's
 * machineAccess.type: none, which init and NEXT_STEPS warn about): a warning
 * on a laptop stack, an error everywhere else. The health endpoint alone is meant to be open.
 */
import { defineCheck } from './check.js';
import { prefectSettings } from './util/prefect.js';
import { isPrefectUpstream } from './util/prefectUpstream.js';
import { publicRoutes, servesApi } from './util/routes.js';
import { isLocalStack } from './util/stack.js';

export const PROXY_API_OPEN = 'proxy-api-open';

export const proxyApiOpen = defineCheck(
  {
    id: PROXY_API_OPEN,
    title: 'The Prefect API asks for a credential',
    severity: 'error',
    appliesTo: (model) => publicRoutes(model).length > 0,
  },
  (model, report) => {
    // Prefect's own auth string guards the API behind any proxy.
    if (prefectSettings(model).some((s) => s.kind === 'server' && s.get('PREFECT_SERVER_API_AUTH_STRING'))) return;
    const routes = publicRoutes(model);
    // A host where the UI is behind SSO: an open /api there is proxy-ui-api-auth's (an error), not said twice.
    const ssoHosts = new Set(routes.filter((r) => r.sso).flatMap((r) => r.hosts.map((h) => `${r.proxy}|${h.toLowerCase()}`)));
    for (const route of routes) {
      if (route.hosts.some((h) => ssoHosts.has(`${route.proxy}|${h.toLowerCase()}`))) continue;
      if (route.exact || route.sso || route.basic || route.tokenOnly || !route.upstream || !isPrefectUpstream(model, route.upstream.text)) continue;
      // Only routes that serve the API (/api/…, or everything); the UI's own page routes are proxy-ui-api-auth's.
      if (!servesApi(route)) continue;
      const host = route.hosts[0] ?? 'any host';
      // On a laptop stack (localhost names, or the spec's target local) nobody else reaches it: a warning.
      report.add(isLocalStack(model, route.hosts) ? 'warning' : 'error', route.at, {
        message: `${route.proxy} serves the Prefect API on ${host}${route.path && route.path !== '/' ? ` (${route.path})` : ''} with no credential`,
        why: 'anyone who reaches it can run and change flows and deployments, read blocks with the secrets they hold, and delete everything',
        fix: 'require a credential there (basic auth per machine user, or the SSO of the UI host), or keep the host on a network nobody else reaches',
      });
    }
  },
);
