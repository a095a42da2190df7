/**
 * Reads an IdP's answer to ONE unauthenticated authorization request (no login is attempted).
 * The rejection texts are the IdPs' own: Keycloak "Invalid parameter: redirect_uri" (400 page),
 * Entra ID AADSTS50011, node oidc-provider `invalid_redirect_uri` ("redirect_uri did not match any
 * of the client's registered redirect_uris", 400) and `invalid_client` for an unknown client.
 */
import { isRedirect, type HttpAnswer } from './http.js';

export type IdpName = 'Keycloak' | 'Entra ID' | 'oidc-provider' | 'the IdP';

export type IdpVerdict =
  | { kind: 'accepted' }
  | { kind: 'redirect-rejected'; idp: IdpName; evidence: string }
  | { kind: 'client-rejected'; idp: IdpName; evidence: string }
  /** The IdP accepted the redirect URI and sent the browser back to it with an OAuth error. */
  | { kind: 'request-rejected'; error: string; description?: string }
  | { kind: 'unrecognised'; status: number };

const REDIRECT_REJECTIONS: { idp: IdpName; pattern: RegExp; evidence: string }[] = [
  { idp: 'Keycloak', pattern: /Invalid parameter: redirect_uri/i, evidence: 'Invalid parameter: redirect_uri' },
  { idp: 'Entra ID', pattern: /AADSTS50011/, evidence: 'AADSTS50011' },
  { idp: 'oidc-provider', pattern: /redirect_uri did not match any of the client/i, evidence: 'invalid_redirect_uri' },
  { idp: 'the IdP', pattern: /\binvalid_redirect_uri\b/, evidence: 'invalid_redirect_uri' },
];

/** Text to search: the body and, decoded, any Location (some IdPs redirect to their own error page). */
function haystack(answer: HttpAnswer): string {
  const location = answer.headers.get('location') ?? '';
  let decoded = location;
  try {
    decoded = decodeURIComponent(location.replace(/\+/g, ' '));
  } catch {
    // keep the raw text
  }
  return `${answer.body}\n${decoded}`;
}

export function readAuthorizationAnswer(answer: HttpAnswer, redirectUrl: string): IdpVerdict {
  const text = haystack(answer);
  for (const r of REDIRECT_REJECTIONS) {
    if (r.pattern.test(text)) return { kind: 'redirect-rejected', idp: r.idp, evidence: r.evidence };
  }
  if (answer.status === 400 && /\binvalid_client\b/.test(text)) {
    return { kind: 'client-rejected', idp: 'oidc-provider', evidence: 'invalid_client' };
  }
  const location = answer.headers.get('location');
  if (isRedirect(answer.status) && location) {
    const [base, query = ''] = location.split('#')[0]?.split('?') ?? [];
    const params = new URLSearchParams(query);
    const error = params.get('error');
    if (error && base === redirectUrl.split('?')[0]) {
      const description = params.get('error_description');
      return { kind: 'request-rejected', error, ...(description ? { description } : {}) };
    }
    return { kind: 'accepted' };
  }
  if (answer.status >= 200 && answer.status < 300) return { kind: 'accepted' };
  return { kind: 'unrecognised', status: answer.status };
}
