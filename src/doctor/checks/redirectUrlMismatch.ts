/**
 * The redirect URL must be where the browser reaches oauth2-proxy's callback:
 * the public scheme, host and port of the proxy in front of it, and the path
 * proxy_prefix + /callback. A bundled Keycloak realm must list it too.
 */
import type { OAuth2ProxyInstance, StackModel } from '../load/model.js';
import { defineCheck } from './check.js';
import type { Reporter } from './util/finding.js';
import { where } from './util/finding.js';
import { oauth2PublicOrigins, originText, proxyPrefix } from './util/oauth2Proxy.js';
import { instanceName, setting, settingLine, settingText, valuePosition } from './util/stack.js';
import { parseUrl, urlDifferences } from './util/urls.js';

const ID = 'redirect-url-mismatch';

/** Keycloak matches a redirect URI exactly, or by prefix when the registered one ends in `*`. */
function keycloakAccepts(registered: string, uri: string): boolean {
  return registered.endsWith('*') ? uri.startsWith(registered.slice(0, -1)) : registered === uri;
}

function checkInstance(model: StackModel, instance: OAuth2ProxyInstance, report: Reporter) {
  const redirect = setting(instance, 'redirect_url');
  const text = settingText(instance, 'redirect_url')?.trim();
  if (!redirect || !text) return;
  const at = valuePosition(redirect);
  const prefix = proxyPrefix(instance);
  const callbackPath = `${prefix}/callback`;
  const url = parseUrl(text);
  const path = url ? url.path : text;
  const fix = (value: string) => settingLine(instance, 'redirect_url', JSON.stringify(value));

  const origins = url ? oauth2PublicOrigins(model, instance) : [];
  const best = url ? (origins.find((o) => o.host === url.host.toLowerCase()) ?? origins[0]) : undefined;
  const matches = url !== undefined && origins.some((o) => o.scheme === url.scheme && o.host === url.host.toLowerCase() && o.port === url.port);
  // One suggestion for every finding: the public origin when known, else the origin as written.
  const suggested = `${best && !matches ? originText(best) : url ? text.slice(0, text.length - url.path.length) : ''}${callbackPath}`;

  if (path !== callbackPath) {
    report.error(at, {
      message: `${redirect.name} ends in ${path || '/'}, but oauth2-proxy serves its callback at ${callbackPath}${prefix !== '/oauth2' ? ' (proxy_prefix + /callback)' : ''}`,
      why: 'after sign-in the identity provider sends the browser to a path oauth2-proxy does not handle',
      fix: fix(suggested),
    });
  }
  const expected = best ? parseUrl(`${originText(best)}${callbackPath}`) : undefined;
  if (url && expected && best && !matches) {
    report.error(at, {
      message: `${redirect.name} is ${text}, but the browser reaches ${instanceName(instance)} at ${originText(best)} (${where(best.at)}): ${urlDifferences(url, expected).filter((d) => !d.startsWith('path')).join('; ')}`,
      why: 'the identity provider sends the browser back to this URL after sign-in; a different scheme, host or port lands outside the proxy (or drops the cookie)',
      fix: fix(suggested),
    });
  }
  const clientId = settingText(instance, 'client_id');
  for (const keycloak of model.keycloaks) {
    for (const realm of keycloak.realms) {
      const client = realm.clients.find((c) => c.clientId === clientId);
      if (!client || client.redirectUris.length === 0) continue;
      if (client.redirectUris.some((r) => keycloakAccepts(r.value, text))) continue;
      report.error(at, {
        message: `${redirect.name} is not among the redirect URIs of client "${clientId}" in ${realm.file} (${client.redirectUris.map((r) => `${r.value} at line ${r.at.line ?? '?'}`).join(', ')})`,
        why: 'Keycloak answers "Invalid parameter: redirect_uri" and sign-in stops on its error page',
        fix: `make both the same URL: ${fix(client.redirectUris.find((r) => !r.value.endsWith('*'))?.value ?? suggested)}, or add ${text} to redirectUris in ${realm.file} (Keycloak imports a realm only once: change it in the admin console too)`,
      });
    }
  }
}

export const redirectUrlMismatch = defineCheck(
  {
    id: ID,
    title: 'The redirect URL is the public callback URL of oauth2-proxy',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => settingText(o, 'redirect_url') !== undefined),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) checkInstance(model, instance, report);
  },
);
