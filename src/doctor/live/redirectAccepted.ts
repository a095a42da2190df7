/**
 * One unauthenticated GET of the authorization URL oauth2-proxy produced — what the browser does
 * next. Nothing is ever submitted, so no login happens; the IdP's answer says whether it accepts
 * the client and the redirect URI.
 */
import type { Finding } from '../types.js';
import { adviseNetworkFailure } from './advice.js';
import { displayUrl } from './compareUrl.js';
import { probe } from './http.js';
import { readAuthorizationAnswer } from './idpAnswer.js';
import type { LiveProxyTarget as ProxyTarget } from './probeTargets.js';
import { finding } from './result.js';

export async function checkRedirectAccepted(target: ProxyTarget, authorizeUrl: string, timeoutMs: number): Promise<Finding[]> {
  const source = target.source;
  const answer = await probe(authorizeUrl, { timeoutMs, accept: 'text/html' });
  if (answer.kind === 'failure') {
    return [finding('live-redirect-accepted', 'error', source, adviseNetworkFailure(answer, 'authorization', timeoutMs))];
  }
  const sentRedirect = new URL(authorizeUrl).searchParams.get('redirect_uri') ?? target.redirectUrl;
  const clientId = new URL(authorizeUrl).searchParams.get('client_id') ?? target.clientId;
  const verdict = readAuthorizationAnswer(answer, sentRedirect);
  const endpoint = displayUrl(authorizeUrl);
  switch (verdict.kind) {
    case 'accepted':
      return [];
    case 'redirect-rejected': {
      const how =
        verdict.idp === 'Keycloak'
          ? `In Keycloak add ${sentRedirect} to the Valid redirect URIs of client ${clientId} (Clients → ${clientId} → Settings; in a realm import: "redirectUris": ["${sentRedirect}"]).`
          : verdict.idp === 'Entra ID'
            ? `In the Entra ID app registration ${clientId} add ${sentRedirect} under Authentication → Web → Redirect URIs, exactly.`
            : `Register ${sentRedirect} exactly as a redirect URI of client ${clientId} (oidc-provider: redirect_uris).`;
      return [
        finding('live-redirect-accepted', 'error', source, {
          message: `${verdict.idp} rejects the redirect URI ${sentRedirect} for client ${clientId} (${verdict.evidence} from ${endpoint}).`,
          why: 'Every login stops at the IdP with an error page; IdPs compare the redirect URI with the registered ones as exact text.',
          fix: `${how} If the registered URI is the right one, set OAUTH2_PROXY_REDIRECT_URL to it instead.`,
        }),
      ];
    }
    case 'client-rejected':
      return [
        finding('live-redirect-accepted', 'error', source, {
          message: `The IdP does not know client ${clientId} (${verdict.evidence} from ${endpoint}).`,
          why: 'The client ID oauth2-proxy sends is not registered in this IdP (or in this realm/tenant), so no login can start.',
          fix: `Register client ${clientId} in the IdP with redirect URI ${sentRedirect}, or set OAUTH2_PROXY_CLIENT_ID to the registered one.`,
        }),
      ];
    case 'request-rejected':
      return [
        finding('live-redirect-accepted', 'error', source, {
          message:
            `The IdP accepted the redirect URI but refused the authorization request: error=${verdict.error}` +
            (verdict.description ? ` (${verdict.description})` : '') + '.',
          why: 'The browser comes back to oauth2-proxy with this error instead of a code, so nobody can log in.',
          fix: 'Fix the client settings the error names in the IdP (allowed scopes, grant/response types, PKCE).',
        }),
      ];
    case 'unrecognised':
      return [
        finding('live-redirect-accepted', 'warning', source, {
          message: `The IdP answered HTTP ${verdict.status} to the authorization request at ${endpoint} instead of a login page.`,
          why: 'The doctor does not recognise this answer; a browser would show the same error instead of the login form.',
          fix: `Open ${displayUrl(target.startUrl)} in a browser and read the IdP's error; it usually names the parameter it rejects.`,
        }),
      ];
  }
}
