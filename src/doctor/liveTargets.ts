/**
 * What `--live` probes, derived from the model: every configured oauth2-proxy
 * issuer, and for each oauth2-proxy the browser reaches through the proxy its
 * /start URL, redirect URL and client id (none for one that only checks tokens).
 */
import { oauth2PublicOrigins, originText, proxyPrefix, signsNobodyIn } from './checks/util/oauth2Proxy.js';
import { setting, settingBool, settingText, valuePosition } from './checks/util/stack.js';
import { parseUrl } from './checks/util/urls.js';
import type { StackModel } from './load/model.js';
import type { LiveGateClient, LiveGateTarget, LiveInput, LiveIssuerTarget, LiveProxyTarget } from './live/index.js';
import { customHeaders, prefectSettings, type PrefectSettings } from './checks/util/prefect.js';
import { isPrefectUpstream } from './checks/util/prefectUpstream.js';
import { publicRoutes, routeOrigins, servesApi } from './checks/util/routes.js';

/** The headers a Prefect client sends: REST calls carry its credential and custom headers; handshakes only the custom headers. */
function clientHeaders(settings: PrefectSettings): { rest: Record<string, string>; socket: Record<string, string> } | undefined {
  const auth = settings.get('PREFECT_API_AUTH_STRING')?.value;
  const key = settings.get('PREFECT_API_KEY')?.value;
  const custom = customHeaders(settings) ?? {};
  if (!auth && !key && !custom['authorization']) return undefined;
  // Values a shell or CI fills in later cannot be sent as they are.
  if ([auth, key, ...Object.values(custom)].some((v) => v !== undefined && /\$\{|<[^>]+>/.test(v))) return undefined;
  const credential = auth ? `Basic ${Buffer.from(auth).toString('base64')}` : key ? `Bearer ${key}` : undefined;
  return { rest: { ...custom, ...(credential ? { authorization: credential } : {}) }, socket: custom };
}

/** Every public origin where the proxy serves Prefect's API, with the clients that sign in there. */
function gateTargets(model: StackModel): LiveGateTarget[] {
  const targets = new Map<string, LiveGateTarget>();
  for (const route of publicRoutes(model)) {
    if (route.exact || !route.upstream || !isPrefectUpstream(model, route.upstream.text)) continue;
    if (!servesApi(route)) continue;
    for (const o of routeOrigins(route)) {
      const origin = originText(o);
      if (!targets.has(origin)) targets.set(origin, { origin, host: o.host, source: route.at, clients: [], clientCaFiles: [] });
    }
  }
  for (const settings of prefectSettings(model).filter((s) => s.kind !== 'server')) {
    const api = parseUrl(settings.get('PREFECT_API_URL')?.value);
    if (!api) continue;
    const target = targets.get(originText({ scheme: api.scheme, host: api.host.toLowerCase(), port: api.port }));
    if (!target) continue;
    const ca = settings.get('PREFECT_API_SSL_CERT_FILE')?.value;
    if (ca && !target.clientCaFiles.includes(ca)) target.clientCaFiles.push(ca);
    const headers = clientHeaders(settings);
    if (headers) target.clients.push({ label: settings.label, at: (settings.get('PREFECT_API_AUTH_STRING') ?? settings.get('PREFECT_API_KEY') ?? settings.get('PREFECT_CLIENT_CUSTOM_HEADERS'))!.at, restHeaders: headers.rest, socketHeaders: headers.socket } satisfies LiveGateClient);
  }
  return [...targets.values()];
}

export function liveTargets(model: StackModel, timeoutMs: number): LiveInput {
  const issuers: LiveIssuerTarget[] = [];
  const proxies: LiveProxyTarget[] = [];
  for (const instance of model.oauth2Proxies) {
    const issuerSetting = setting(instance, 'oidc_issuer_url');
    const issuerUrl = settingText(instance, 'oidc_issuer_url')?.trim();
    if (!issuerSetting || !issuerUrl || !parseUrl(issuerUrl)) continue;
    // Discovery switched off: oauth2-proxy never fetches the issuer's document (it uses login_url, redeem_url and
    // oidc_jwks_url), so an unreachable discovery URL is no mistake, and the sign-in probes would compare with it.
    if (settingBool(instance, 'skip_oidc_discovery', false)) continue;
    if (!issuers.some((i) => i.issuerUrl === issuerUrl)) {
      issuers.push({ issuerUrl, source: valuePosition(issuerSetting), expectPkce: (settingText(instance, 'code_challenge_method') ?? '') !== '' });
    }
    // An instance that only checks tokens starts no sign-in: there is no /start to probe.
    if (signsNobodyIn(instance)) continue;
    const redirectSetting = setting(instance, 'redirect_url');
    const configured = parseUrl(settingText(instance, 'redirect_url')?.trim());
    const origins = oauth2PublicOrigins(model, instance);
    const origin = origins.find((o) => configured && o.host === configured.host.toLowerCase()) ?? origins[0];
    if (!origin) continue;
    const prefix = proxyPrefix(instance);
    // Without redirect_url oauth2-proxy derives it from the request, forcing https while cookie_secure is on.
    const derivedScheme = settingBool(instance, 'cookie_secure', true) ? 'https' : origin.scheme;
    const redirectUrl = configured?.text.trim() ?? `${originText({ ...origin, scheme: derivedScheme })}${prefix}/callback`;
    proxies.push({
      startUrl: `${originText(origin)}${prefix}/start`,
      redirectUrl,
      clientId: settingText(instance, 'client_id') ?? '',
      issuerUrl,
      source: redirectSetting ? valuePosition(redirectSetting) : valuePosition(issuerSetting),
    });
  }
  return { issuers, proxies, gates: gateTargets(model), stackDir: model.root, timeoutMs };
}
