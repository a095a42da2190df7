/**
 * Keycloak's issuer is its frontend URL + /realms/<realm>. With KC_HOSTNAME
 * set (hostname v2: a full URL, or a bare host whose scheme and port follow
 * the request), that is fixed; oauth2-proxy's issuer must be exactly it.
 */
import type { KeycloakInstance, OAuth2ProxyInstance, StackModel } from '../load/model.js';
import { defineCheck } from './check.js';
import type { Reporter } from './util/finding.js';
import { formatCorrection, keycloakFor } from './issuerFormat.js';
import { where } from './util/finding.js';
import { instanceName, setting, settingLine, valuePosition } from './util/stack.js';
import { isBareName, isLoopbackHost, parseUrl, urlDifferences } from './util/urls.js';

const ID = 'issuer-keycloak-hostname';

function expectedIssuer(keycloak: KeycloakInstance, realm: string): { url: string; full: boolean } | undefined {
  const hostname = keycloak.options.get('hostname')?.value.trim();
  if (!hostname) return undefined;
  if (/^https?:\/\//.test(hostname)) return { url: `${hostname.replace(/\/+$/, '')}/realms/${realm}`, full: true };
  const relative = (keycloak.options.get('http-relative-path')?.value ?? '/').replace(/\/+$/, '');
  return { url: `https://${hostname}${relative}/realms/${realm}`, full: false };
}

function checkInstance(model: StackModel, instance: OAuth2ProxyInstance, report: Reporter) {
  const issuer = setting(instance, 'oidc_issuer_url');
  const url = parseUrl(issuer ? String(issuer.value).trim() : undefined);
  if (!issuer || !url) return;
  const realm = /\/realms\/([^/]+)/.exec(url.path)?.[1];
  if (!realm) return;
  const keycloak = keycloakFor(model, url.host);
  if (!keycloak?.official) return;
  const at = valuePosition(issuer);

  const imported = keycloak.realms.map((r) => r.realm).filter((r): r is string => r !== undefined);
  if (imported.length > 0 && realm !== 'master' && !imported.includes(realm)) {
    report.error(at, {
      message: `${issuer.name} names realm "${realm}", but the bundled Keycloak imports ${imported.map((r) => `"${r}"`).join(', ')}`,
      why: 'discovery for a realm that does not exist answers 404, so oauth2-proxy cannot start',
      fix: settingLine(instance, 'oidc_issuer_url', JSON.stringify(String(issuer.value).replace(`/realms/${realm}`, `/realms/${imported[0]}`))),
    });
  }

  const expected = expectedIssuer(keycloak, realm);
  const hostnameOption = keycloak.options.get('hostname');
  if (!expected || !hostnameOption) {
    // A name only one side resolves (localhost, a service name) must not be pinned: suggest a public one.
    const host = isLoopbackHost(url.host) || isBareName(url.host) ? `${keycloak.service}.localtest.me` : url.host;
    report.warning(keycloak.at, {
      message: `the bundled Keycloak (service ${keycloak.service}) sets no KC_HOSTNAME, so the issuer it advertises follows the Host header of each request`,
      why: `${instanceName(instance)} and the browser must see the same issuer; with a Host-dependent issuer they only do if both use exactly the same scheme, host and port`,
      fix: `KC_HOSTNAME: "${url.scheme}://${host}${url.explicitPort ? `:${url.explicitPort}` : ''}${url.path.slice(0, url.path.indexOf('/realms/'))}"${host !== url.host ? ' (a name both the browser and containers resolve; see issuer-split-brain)' : ''}`,
    });
    return;
  }
  const expectedUrl = parseUrl(expected.url);
  if (!expectedUrl) return; // not a hostname at all: keycloak-hostname's business
  const differences = urlDifferences(url, expectedUrl, { scheme: expected.full, port: expected.full });
  if (differences.length === 0) return;
  // The provider's form alone (a trailing "/") explains the difference: issuer-format says it, with this same fix.
  const corrected = parseUrl(formatCorrection(model, instance)?.url);
  if (corrected && urlDifferences(corrected, expectedUrl, { scheme: expected.full, port: expected.full }).length === 0) return;
  report.error(at, {
    message: `${instanceName(instance)} expects issuer ${String(issuer.value).trim()}, but Keycloak advertises ${expected.full ? expected.url : `${expectedUrl.host}${expectedUrl.path} (scheme and port from the request)`} (${hostnameOption.written} at ${where(hostnameOption.at)}): ${differences.join('; ')}`,
    why: 'oauth2-proxy stops at start-up with "oidc: issuer did not match the issuer returned by provider"',
    fix: expected.full
      ? settingLine(instance, 'oidc_issuer_url', JSON.stringify(expected.url))
      : `${settingLine(instance, 'oidc_issuer_url', JSON.stringify(`${url.scheme}://${expectedUrl.host}${url.explicitPort ? `:${url.explicitPort}` : ''}${expectedUrl.path}`))}, or change ${hostnameOption.written} to match`,
  });
}

export const issuerKeycloakHostname = defineCheck(
  {
    id: ID,
    title: "oauth2-proxy's issuer is the one the bundled Keycloak advertises",
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.length > 0 && model.keycloaks.length > 0,
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) checkInstance(model, instance, report);
  },
);
