/**
 * What `--live` probes, derived from the model: every configured oauth2-proxy
 * issuer, and for each oauth2-proxy the browser reaches through the proxy its
 * /start URL, redirect URL and client id (none for one that only checks tokens).
 */
import { oauth2PublicOrigins, originText, proxyPrefix, signsNobodyIn } from './checks/util/oauth2Proxy.js';
import { setting, settingBool, settingText, valuePosition } from './checks/util/stack.js';
import { parseUrl } from './checks/util/urls.js';
import type { StackModel } from './load/model.js';
import type { LiveInput, LiveIssuerTarget, LiveProxyTarget } from './live/index.js';

export function liveTargets(model: StackModel, timeoutMs: number): LiveInput {
  const issuers: LiveIssuerTarget[] = [];
  const proxies: LiveProxyTarget[] = [];
  for (const instance of model.oauth2Proxies) {
    const issuerSetting = setting(instance, 'oidc_issuer_url');
    const issuerUrl = settingText(instance, 'oidc_issuer_url')?.trim();
    if (!issuerSetting || !issuerUrl || !parseUrl(issuerUrl)) continue;
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
  return { issuers, proxies, timeoutMs };
}
