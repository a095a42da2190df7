/**
 * The login as a browser starts it: GET <public>/oauth2/start without following redirects and
 * check where oauth2-proxy sends the browser (redirectAccepted.ts then asks the IdP once).
 */
import type { Finding } from '../types.js';
import { adviseNetworkFailure } from './advice.js';
import { describeDiffs, diffUrls, displayUrl, splitUrl } from './compareUrl.js';
import type { Discovery } from './discovery.js';
import type { LiveProxyTarget as ProxyTarget } from './probeTargets.js';
import { isRedirect, probe, type HttpAnswer } from './http.js';
import { finding, type FindingText } from './result.js';

export interface StartCheck {
  findings: Finding[];
  /** The absolute authorization URL from the Location, when it is an authorization request. */
  authorizeUrl?: string;
}

const NGINX_OAUTH2_LOCATION =
  'location /oauth2/ { proxy_pass http://oauth2-proxy:4180; proxy_set_header Host $host; proxy_set_header X-Forwarded-Proto $scheme; }';

function statusAdvice(target: ProxyTarget, answer: HttpAnswer): FindingText {
  const shown = displayUrl(target.startUrl);
  const status = answer.status;
  const base = `${shown} answered HTTP ${status} instead of redirecting (302) to the IdP.`;
  if (status === 401 || status === 403) {
    return {
      message: base,
      why: 'The /oauth2/ paths are themselves behind authentication (auth_request, forwardAuth or basic auth), so no login can start.',
      fix: 'Exempt /oauth2/ from authentication in the proxy: route it straight to oauth2-proxy, e.g. nginx ' + NGINX_OAUTH2_LOCATION,
    };
  }
  if (status === 502 || status === 503 || status === 504) {
    return {
      message: base,
      why: 'The proxy cannot reach oauth2-proxy: it is down, listens on 127.0.0.1 inside its container, or the upstream name/port is wrong.',
      fix: 'In the oauth2-proxy container set OAUTH2_PROXY_HTTP_ADDRESS=0.0.0.0:4180 and point the proxy at http://<oauth2-proxy service>:4180.',
    };
  }
  if (status >= 500) {
    return {
      message: base,
      why: 'oauth2-proxy (or the proxy in front of it) failed on the request.',
      fix: 'Read the oauth2-proxy logs (docker compose logs oauth2-proxy) for the error on /oauth2/start.',
    };
  }
  if (isRedirect(status)) {
    return {
      message: `${shown} answered HTTP ${status} without a Location header.`,
      why: 'A browser cannot follow it, so no login can start.',
      fix: 'Route /oauth2/ to oauth2-proxy unchanged, e.g. nginx ' + NGINX_OAUTH2_LOCATION,
    };
  }
  return {
    message: base,
    why: 'Something other than oauth2-proxy answers /oauth2/start (often the Prefect UI or a catch-all location), so no login can start.',
    fix: 'Route /oauth2/ to oauth2-proxy in the proxy, e.g. nginx ' + NGINX_OAUTH2_LOCATION,
  };
}

function splitLocation(location: string): { base: string; params: URLSearchParams } {
  const noFragment = location.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  return q < 0
    ? { base: noFragment, params: new URLSearchParams() }
    : { base: noFragment.slice(0, q), params: new URLSearchParams(noFragment.slice(q + 1)) };
}

export async function checkOauth2Start(
  target: ProxyTarget,
  discovery: Promise<Discovery>,
  discoveryReportedElsewhere: boolean,
  timeoutMs: number,
): Promise<StartCheck> {
  const source = target.source;
  const error = (text: FindingText) => finding('live-oauth2-start', 'error', source, text);
  const [answer, discovered] = await Promise.all([probe(target.startUrl, { timeoutMs, accept: 'text/html' }), discovery]);
  if (answer.kind === 'failure') return { findings: [error(adviseNetworkFailure(answer, 'oauth2-proxy', timeoutMs))] };

  const location = answer.headers.get('location');
  if (!isRedirect(answer.status) || !location) return { findings: [error(statusAdvice(target, answer))] };

  let absolute: string;
  try {
    absolute = new URL(location, target.startUrl).href;
  } catch {
    return { findings: [error({ message: `${displayUrl(target.startUrl)} redirects to an unparseable Location.`, why: 'A browser cannot follow it.', fix: 'Check what answers /oauth2/start.' })] };
  }
  // Compare the text as sent when absolute; oauth2-proxy always sends an absolute IdP URL.
  const { base, params } = splitLocation(splitUrl(location) ? location : absolute);
  const sentClientId = params.get('client_id');
  const sentRedirect = params.get('redirect_uri');
  const startPath = splitUrl(target.startUrl)?.path;

  if (sentClientId === null && sentRedirect === null) {
    const sameStart = splitUrl(base)?.path === startPath;
    return {
      findings: [
        error({
          message: `${displayUrl(target.startUrl)} redirects (HTTP ${answer.status}) to ${displayUrl(base)}, which is not an authorization request to the IdP.`,
          why: sameStart
            ? 'The proxy redirects the start URL itself (e.g. http → https or to another host), so the configured public URL is not the one in use.'
            : 'Something in front of oauth2-proxy answers /oauth2/start instead of oauth2-proxy.',
          fix: sameStart
            ? `Use ${displayUrl(base).replace(/\/oauth2\/start$/, '')} as the public URL, with the redirect URL ${displayUrl(base).replace(/\/start$/, '/callback')}.`
            : 'Route /oauth2/ to oauth2-proxy in the proxy, e.g. nginx ' + NGINX_OAUTH2_LOCATION,
        }),
      ],
    };
  }

  const findings: Finding[] = [];
  const endpoint = discovered.metadata?.authorizationEndpoint;
  if (endpoint !== undefined) {
    const diffs = diffUrls(endpoint, base);
    if (diffs.length > 0) {
      findings.push(
        error({
          message:
            `oauth2-proxy sends browsers to ${displayUrl(base)}, not to the authorization endpoint ${displayUrl(endpoint)} that ` +
            `${target.issuerUrl} advertises — they differ in ${diffs.map((d) => d.part).join(', ')}: ${describeDiffs(diffs, 'advertised', 'sent')}.`,
          why:
            'oauth2-proxy discovers the endpoint once, at startup: it was started with another issuer, the IdP changed its public URL since, ' +
            'or a --login-url override is set.',
          fix: 'Remove any --login-url (OAUTH2_PROXY_LOGIN_URL) override and recreate oauth2-proxy after fixing its issuer (docker compose up -d --force-recreate oauth2-proxy).',
        }),
      );
    }
  } else if (!discoveryReportedElsewhere) {
    const reason = discovered.problems.find((p) => p.severity === 'error')?.text.message ?? 'discovery failed';
    findings.push(
      finding('live-oauth2-start', 'warning', source, {
        message: `Could not compare the Location with the authorization endpoint: discovery of ${target.issuerUrl} failed (${reason})`,
        why: 'Without the discovery document the advertised authorization endpoint is unknown.',
        fix: 'Fix the issuer discovery first (see live-issuer-discovery).',
      }),
    );
  }

  if (sentClientId !== target.clientId) {
    findings.push(
      error({
        message:
          sentClientId === null
            ? 'The authorization request oauth2-proxy sends carries no client_id.'
            : `oauth2-proxy sends client_id "${sentClientId}", but the configuration says "${target.clientId}".`,
        why: 'The running oauth2-proxy does not use the configured client: it was not recreated after the change, or reads another setting.',
        fix: `Set OAUTH2_PROXY_CLIENT_ID=${target.clientId} (--client-id=${target.clientId}) and recreate the oauth2-proxy container.`,
      }),
    );
  }

  if (sentRedirect !== target.redirectUrl) {
    const diffs = sentRedirect === null ? [] : diffUrls(target.redirectUrl, sentRedirect);
    const forcedHttps = diffs.some((d) => d.part === 'scheme' && d.expected === 'http' && d.actual === 'https');
    findings.push(
      error({
        message:
          sentRedirect === null
            ? 'The authorization request oauth2-proxy sends carries no redirect_uri.'
            : `oauth2-proxy sends redirect_uri "${sentRedirect}", but the configured redirect URL is "${target.redirectUrl}" — ` +
              `they differ in ${diffs.map((d) => d.part).join(', ')}: ${describeDiffs(diffs, 'configured', 'sent')}.`,
        why:
          'The IdP only returns browsers to a registered redirect URI, compared as text. The running oauth2-proxy is not using the configured ' +
          'redirect URL: it was not recreated, the setting has a wrong name, or no --redirect-url is set and it builds one from the request' +
          (forcedHttps ? ' — with --cookie-secure (the default) it forces https.' : '.'),
        fix: `Set OAUTH2_PROXY_REDIRECT_URL=${target.redirectUrl} (--redirect-url=${target.redirectUrl}) and recreate the oauth2-proxy container.`,
      }),
    );
  }

  const isHttp = /^https?:$/.test(new URL(absolute).protocol);
  return { findings, ...(isHttp && sentClientId !== null ? { authorizeUrl: absolute } : {}) };
}
