/**
 * PREFECT_UI_API_URL is the API URL the browser calls, so it must be the
 * public URL through the proxy. Unset, the UI falls back to PREFECT_API_URL,
 * then to http://<host>:<port>/api (prefect/settings/models/root.py) — with
 * host 0.0.0.0, useless to a browser. Without a proxy, the same fallback is
 * what a published Prefect serves its UI with (Prefect issue #20879). A server
 * whose UI is off (PREFECT_SERVER_UI_ENABLED=false, `--no-ui`) needs none.
 */
import type { PrefectService, StackModel } from '../load/model.js';
import { defineCheck } from './check.js';
import type { Reporter } from './util/finding.js';
import { publicRoutes, routeOrigins, routesTo } from './util/routes.js';
import { hasFrontProxy, onLoopback, service } from './util/stack.js';
import { isBareName, maskUrl, parseUrl } from './util/urls.js';

const ID = 'prefect-ui-api-url';

/** Public origins where the proxy serves a Prefect server's UI (a route for `/`). */
function uiOrigins(model: StackModel, serviceName: string): string[] {
  const origins = new Set<string>();
  for (const route of publicRoutes(model)) {
    if (!routesTo(model, route, serviceName) || route.exact || !(route.path === '' || route.path === '/')) continue;
    for (const o of routeOrigins(route)) origins.add(`${o.scheme}://${o.host}${o.port === (o.scheme === 'https' ? 443 : 80) ? '' : `:${o.port}`}`);
  }
  return [...origins];
}

function uiEnabled(server: PrefectService): boolean {
  const off = ['PREFECT_SERVER_UI_ENABLED', 'PREFECT_UI_ENABLED'].some((name) => /^(false|0|no|off)$/i.test(server.environment.get(name)?.value ?? ''));
  return !off && !server.command.some((a) => a.value === '--no-ui');
}

/** The host the server listens on: --host, PREFECT_SERVER_API_HOST, or Prefect's default. */
function listenHost(server: PrefectService): string {
  const flag = server.command.findIndex((a) => a.value === '--host' || a.value.startsWith('--host='));
  const fromFlag = flag < 0 ? undefined : server.command[flag]!.value.includes('=') ? server.command[flag]!.value.split('=')[1] : server.command[flag + 1]?.value;
  return fromFlag ?? server.environment.get('PREFECT_SERVER_API_HOST')?.value ?? '127.0.0.1';
}

/** No proxy: a published server whose UI falls back to an API URL on 0.0.0.0. */
function withoutProxy(model: StackModel, report: Reporter): void {
  for (const server of model.prefect.services.filter((p) => p.serves && uiEnabled(p))) {
    const port = service(model, server.service)?.ports.find((p) => p.target === 4200 && p.published !== undefined);
    if (!port) continue;
    const set = server.environment.get('PREFECT_UI_API_URL') ?? server.environment.get('PREFECT_SERVER_UI_API_URL') ?? server.environment.get('PREFECT_API_URL');
    const effective = set?.value ?? `http://${listenHost(server)}:4200/api`;
    if (parseUrl(effective)?.host !== '0.0.0.0') continue;
    const where = onLoopback(port) ? 'localhost' : '<the name people open>';
    report.error(set?.valueAt ?? set?.at ?? server.at, {
      message: `the Prefect UI of ${server.service} calls its API at ${effective}${set ? ` (${set.name})` : ' (the fallback: no PREFECT_UI_API_URL, no PREFECT_API_URL)'}`,
      why: '0.0.0.0 is a listen address: a browser on another machine calls itself, and current browsers refuse it even on this one, so every page of the UI stays empty',
      fix: `PREFECT_UI_API_URL: "http://${where}:${port.published}/api"`,
    });
  }
}

export const prefectUiApiUrl = defineCheck(
  {
    id: ID,
    title: 'The Prefect UI calls the API through the proxy',
    severity: 'error',
    appliesTo: (model) => model.prefect.services.some((p) => p.serves && uiEnabled(p)),
  },
  (model, report) => {
    if (!hasFrontProxy(model)) {
      withoutProxy(model, report);
      return;
    }
    for (const server of model.prefect.services.filter((p) => p.serves && uiEnabled(p))) {
      const origins = uiOrigins(model, server.service);
      const suggestion = `PREFECT_UI_API_URL: "${origins[0] ?? 'https://<public-ui-host>'}/api"`;
      const variable = server.environment.get('PREFECT_UI_API_URL') ?? server.environment.get('PREFECT_SERVER_UI_API_URL');
      if (!variable?.value) {
        const fallback = server.environment.get('PREFECT_API_URL')?.value;
        report.error(server.at, {
          message: `service ${server.service} sets no PREFECT_UI_API_URL${fallback ? `; the UI falls back to PREFECT_API_URL (${maskUrl(fallback)})` : '; the UI falls back to http://<PREFECT_SERVER_API_HOST>:<port>/api'}`,
          why: 'the browser loads the UI through the proxy but then calls an API address it cannot reach (or that bypasses the proxy), and every page stays empty',
          fix: suggestion,
        });
        continue;
      }
      const url = parseUrl(variable.value.trim());
      const at = variable.valueAt ?? variable.at;
      if (!url) {
        if (!variable.value.startsWith('/')) report.error(at, { message: `${variable.name} of ${server.service} is not a URL`, why: 'the UI cannot call the API', fix: suggestion });
        continue;
      }
      const host = url.host.toLowerCase();
      const problem =
        host === '0.0.0.0'
          ? 'uses 0.0.0.0, a listen address that no browser can call'
          : isBareName(host)
            ? `uses ${url.host}, a name only containers resolve`
            : url.port === 4200 || server.command.some((a) => a.value === String(url.port))
              ? `calls port ${url.port}, Prefect itself, going around the proxy and its sign-in`
              : origins.length > 0 && !origins.some((o) => parseUrl(o)?.host === host)
                ? `uses host ${url.host}, which the proxy does not serve the UI on (${origins.join(', ')})`
                : !/\/api\/?$/.test(url.path)
                  ? `has path ${url.path || '/'}, not the API's /api`
                  : undefined;
      if (problem) {
        report.error(at, {
          message: `${variable.name} of ${server.service} ${problem}`,
          why: 'the browser calls this URL for every API request of the UI; it must be the public URL through the proxy, on the host the SSO cookie belongs to',
          fix: suggestion,
        });
      }
    }
  },
);
