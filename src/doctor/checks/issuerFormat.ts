/**
 * oauth2-proxy compares the configured issuer with the discovered one as a
 * string, so each provider's exact form matters: Entra ends in `/v2.0`,
 * Auth0 ends in `/`, Keycloak 17+ serves `/realms/<realm>` (no `/auth`), and
 * none of them is the `/.well-known/openid-configuration` document itself.
 */
import type { KeycloakInstance, OAuth2ProxyInstance, StackModel } from '../load/model.js';
import { defineCheck } from './check.js';
import { reporter, type Reporter } from './util/finding.js';
import { instanceName, service, setting, settingLine, settingText, valuePosition } from './util/stack.js';
import { isLoopbackHost, parseUrl } from './util/urls.js';

const ID = 'issuer-format';

// gitlab verifies OIDC tokens since oauth2-proxy 7.3: the issuer is required even for gitlab.com.
const NEEDS_ISSUER = new Set(['oidc', 'keycloak-oidc', 'entra-id', 'gitlab']);

/** The bundled Keycloak this issuer points at, if any. */
export function keycloakFor(model: StackModel, issuerHost: string): KeycloakInstance | undefined {
  const host = issuerHost.toLowerCase();
  const byName = model.keycloaks.find((k) => {
    const hostname = k.options.get('hostname')?.value ?? '';
    const hostnameHost = parseUrl(hostname)?.host ?? hostname.split('/')[0];
    const service = model.services.find((s) => s.name === k.service);
    return (
      k.service.toLowerCase() === host ||
      hostnameHost?.toLowerCase() === host ||
      service?.networks.some((n) => n.aliases.some((a) => a.value.toLowerCase() === host))
    );
  });
  return byName ?? (model.keycloaks.length === 1 ? model.keycloaks[0] : undefined);
}

/**
 * The issuer this instance should have, by its provider's form, and what is
 * wrong with the written one: issuer-split-brain builds its suggestion on it,
 * so one line gets one fix that corrects both.
 */
export function formatCorrection(model: StackModel, instance: OAuth2ProxyInstance): { url: string; message: string } | undefined {
  let url: string | undefined;
  const collected = reporter(ID);
  checkInstance(model, instance, collected, (value) => (url ??= value));
  const first = collected.findings()[0];
  return url !== undefined && first && parseUrl(url) ? { url, message: first.message } : undefined;
}

function checkInstance(model: StackModel, instance: OAuth2ProxyInstance, report: Reporter, onFixed?: (value: string) => void) {
  const provider = settingText(instance, 'provider') ?? 'google';
  const issuer = setting(instance, 'oidc_issuer_url');
  const name = instanceName(instance);
  if (!issuer || settingText(instance, 'oidc_issuer_url') === '') {
    if (NEEDS_ISSUER.has(provider) && settingText(instance, 'skip_oidc_discovery') !== 'true') {
      report.error(issuer ? valuePosition(issuer) : (setting(instance, 'provider')?.at ?? instance.at), {
        message: `${name} uses provider "${provider}" but sets no oidc_issuer_url`,
        why: 'oauth2-proxy refuses to start without the issuer it discovers the login endpoints from',
        fix: settingLine(instance, 'oidc_issuer_url', provider === 'gitlab' ? '"https://gitlab.com"' : provider === 'entra-id' ? '"https://login.microsoftonline.com/<tenant-id>/v2.0"' : '"https://<idp-host>/realms/<realm>"'),
      });
    }
    return;
  }
  const text = String(issuer.value).trim();
  const at = valuePosition(issuer);
  const url = parseUrl(text);
  if (!url) {
    report.error(at, {
      message: `${issuer.name} is not a URL`,
      why: 'oauth2-proxy fetches <issuer>/.well-known/openid-configuration at start-up',
      fix: settingLine(instance, 'oidc_issuer_url', '"https://<idp-host>/…"'),
    });
    return;
  }
  const fixed = (value: string) => {
    onFixed?.(value);
    return settingLine(instance, 'oidc_issuer_url', JSON.stringify(value));
  };
  const why = 'oauth2-proxy compares the configured issuer with the one the provider advertises, character for character, and refuses to start on any difference';

  if (/\/\.well-known\/openid-configuration\/?$/.test(url.path)) {
    const base = text.replace(/\/\.well-known\/openid-configuration\/?$/, '');
    report.error(at, { message: `${issuer.name} is the discovery document, not the issuer`, why, fix: fixed(base) });
    return;
  }
  const host = url.host.toLowerCase();

  if (host === 'login.microsoftonline.com' || provider === 'entra-id' || provider === 'azure') {
    if (host === 'login.microsoftonline.com' && !/^\/[^/]+\/v2\.0$/.test(url.path)) {
      const tenant = url.path.split('/').filter(Boolean)[0] ?? '<tenant-id>';
      report.error(at, {
        message: `${issuer.name} is not an Entra ID v2.0 issuer (expected https://login.microsoftonline.com/<tenant>/v2.0)`,
        why,
        fix: fixed(`https://login.microsoftonline.com/${tenant}/v2.0`),
      });
    }
    if (host === 'sts.windows.net') {
      report.error(at, {
        message: `${issuer.name} is the v1.0 token issuer (sts.windows.net); oauth2-proxy's entra-id provider uses the v2.0 endpoint`,
        why,
        fix: fixed(`https://login.microsoftonline.com/${url.path.split('/').filter(Boolean)[0] ?? '<tenant-id>'}/v2.0`),
      });
    }
    return;
  }
  if (host.endsWith('.auth0.com')) {
    if (!url.path.endsWith('/')) {
      report.error(at, {
        message: `${issuer.name} lacks the trailing "/" Auth0 puts in its issuer`,
        why,
        fix: fixed(`${text}/`),
      });
    }
    return;
  }
  if (host.endsWith('.okta.com') || host.endsWith('.oktapreview.com')) {
    const endpoint = /\/v1(\/|$)/.exec(url.path);
    if (endpoint) {
      // The org authorization server's endpoints are /oauth2/v1/…, a custom one's /oauth2/<id>/v1/…: neither is an issuer.
      const base = text.slice(0, text.indexOf(url.path) + endpoint.index).replace(/\/oauth2$/, '');
      report.error(at, {
        message: `${issuer.name} is an Okta endpoint path, not an issuer`,
        why: `${why}. The org authorization server's issuer is https://${host}; a custom one's is https://${host}/oauth2/<id> (default: /oauth2/default), as its Metadata URI shows`,
        fix: fixed(base),
      });
    } else if (url.path.endsWith('/')) report.error(at, { message: `${issuer.name} ends with "/" but Okta's issuer does not`, why, fix: fixed(text.replace(/\/+$/, '')) });
    return;
  }
  if (host === 'accounts.google.com') {
    if (text !== 'https://accounts.google.com') report.error(at, { message: `${issuer.name} must be exactly https://accounts.google.com`, why, fix: fixed('https://accounts.google.com') });
    return;
  }

  const realm = /\/realms\/([^/]+)/.exec(url.path);
  if (provider === 'keycloak-oidc' || realm) {
    if (!realm) {
      report.error(at, {
        message: `${issuer.name} has no /realms/<realm> path, which every Keycloak issuer has`,
        why,
        fix: fixed(`${text.replace(/\/+$/, '')}/realms/<realm>`),
      });
      return;
    }
    if (url.path.endsWith('/')) {
      report.error(at, { message: `${issuer.name} ends with "/" but Keycloak's issuer does not`, why, fix: fixed(text.replace(/\/+$/, '')) });
    } else if (!/\/realms\/[^/]+$/.test(url.path)) {
      report.error(at, {
        message: `${issuer.name} continues after /realms/${realm[1]}; the issuer is the realm URL itself`,
        why,
        fix: fixed(text.slice(0, text.indexOf(realm[0]) + realm[0].length)),
      });
    }
    const keycloak = keycloakFor(model, host);
    const relativePath = keycloak?.options.get('http-relative-path')?.value;
    if (url.path.startsWith('/auth/realms/') && keycloak?.official && (keycloak.majorVersion ?? 99) >= 17 && !relativePath?.startsWith('/auth')) {
      report.error(at, {
        message: `${issuer.name} uses the pre-17 /auth/realms/ path, but the bundled Keycloak ${keycloak.majorVersion ?? '(latest)'} serves /realms/${realm[1]}`,
        why: 'discovery at /auth/realms/… answers 404, so oauth2-proxy cannot start',
        fix: fixed(text.replace('/auth/realms/', '/realms/')),
      });
    }
  }
}


export const issuerFormat = defineCheck(
  {
    id: ID,
    title: "oauth2-proxy's issuer has the provider's exact form",
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.length > 0,
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      // A containerised oauth2-proxy with a localhost issuer: issuer-split-brain reports that line once, with a fix
      // that corrects the form too (formatCorrection). One line, one finding.
      const host = parseUrl(settingText(instance, 'oidc_issuer_url')?.trim())?.host;
      if (host && isLoopbackHost(host.toLowerCase()) && service(model, instance.service)) continue;
      checkInstance(model, instance, report);
    }
  },
);
