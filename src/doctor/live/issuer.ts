/**
 * Checks on one configured issuer, from its discovery result: the discovery itself, the exact
 * issuer match, the JWKS and PKCE support.
 */
import type { Finding, SourcePosition } from '../types.js';
import { adviseNetworkFailure } from './advice.js';
import { describeDiffs, diffUrls, displayUrl } from './compareUrl.js';
import type { Discovery, ProviderMetadata } from './discovery.js';
import { describeBody, parseJsonObject, probeFollowing } from './http.js';
import { finding } from './result.js';

export function discoveryFindings(source: SourcePosition, discovery: Discovery): Finding[] {
  return discovery.problems.map((p) => finding('live-issuer-discovery', p.severity, source, p.text));
}

/** The line that sets oauth2-proxy's issuer, in the form the source file uses. */
export function issuerSettingLine(source: SourcePosition, issuer: string): string {
  if (source.file.endsWith('.cfg')) return `oidc_issuer_url = "${issuer}"`;
  return `OAUTH2_PROXY_OIDC_ISSUER_URL=${issuer}`;
}

/** Keycloak's issuer is its frontend URL + /realms/<realm>; KC_HOSTNAME takes that frontend URL (v25+). */
function keycloakHostnameFor(issuer: string): string | undefined {
  const at = issuer.indexOf('/realms/');
  return at > 0 ? issuer.slice(0, at) : undefined;
}

export function issuerMatchFindings(source: SourcePosition, configured: string, metadata: ProviderMetadata): Finding[] {
  const discovered = metadata.issuer;
  const diffs = diffUrls(configured, discovered);
  if (diffs.length === 0) return [];
  const parts = diffs.map((d) => d.part);
  const where = source.line !== undefined ? `${source.file}:${source.line}` : source.file;
  const originDiffers = parts.some((p) => p === 'scheme' || p === 'host' || p === 'port');
  const kcHostname = keycloakHostnameFor(configured);
  const why = [
    `oauth2-proxy compares the two as text and refuses to start: oidc: issuer did not match the issuer returned by provider, expected "${configured}" got "${discovered}".`,
    parts.includes('trailing slash') ? "The trailing slash counts: Auth0's issuer ends with /, Keycloak's and Entra ID's do not." : '',
    originDiffers
      ? `If browsers must use ${displayUrl(configured)}, the IdP advertises the wrong public URL instead; make it advertise the configured one` +
        (kcHostname ? ` (Keycloak: KC_HOSTNAME=${kcHostname})` : '') +
        ', so browsers and containers see the same issuer.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return [
    finding('live-issuer-match', 'error', source, {
      message: `The IdP advertises issuer "${discovered}" but the configuration says "${configured}" — they differ in ${parts.join(', ')}: ${describeDiffs(diffs, 'configured', 'discovered')}.`,
      why,
      fix: `At ${where} write the issuer exactly as the IdP advertises it: ${issuerSettingLine(source, discovered)}` +
        (source.file.endsWith('.cfg') ? '' : ` (as a flag: --oidc-issuer-url=${discovered})`),
    }),
  ];
}

export async function jwksFindings(source: SourcePosition, metadata: ProviderMetadata, timeoutMs: number): Promise<Finding[]> {
  const error = (message: string, why: string, fix: string) => [finding('live-jwks', 'error', source, { message, why, fix })];
  const noVerify = 'oauth2-proxy cannot verify any ID token without the keys, so every login fails at /oauth2/callback.';
  if (!metadata.jwksUri) {
    return error(
      `The discovery document of ${metadata.issuer} has no jwks_uri.`,
      noVerify,
      'Use an IdP (or realm/tenant) that publishes its signing keys; check the issuer URL points at an OpenID Connect provider.',
    );
  }
  const { outcome } = await probeFollowing(metadata.jwksUri, { timeoutMs, accept: 'application/json' });
  if (outcome.kind === 'failure') {
    const advice = adviseNetworkFailure(outcome, 'jwks', timeoutMs);
    return [finding('live-jwks', 'error', source, advice)];
  }
  const shown = displayUrl(outcome.url);
  if (outcome.status !== 200) {
    return error(
      `The JWKS at ${shown} answered HTTP ${outcome.status} instead of 200.`,
      noVerify,
      `\`curl -i ${shown}\` must answer 200 with {"keys": [...]}; check the IdP's public URL settings and the proxy in front of it.`,
    );
  }
  const doc = parseJsonObject(outcome.body);
  if (!doc) {
    return error(`The JWKS at ${shown} is not JSON (${describeBody(outcome)}).`, noVerify, `Make ${shown} serve the IdP's JWKS (JSON with a "keys" array).`);
  }
  const keys = doc['keys'];
  if (!Array.isArray(keys)) {
    return error(`The JSON at ${shown} has no "keys" array.`, noVerify, `Make ${shown} serve the IdP's JWKS (JSON with a "keys" array).`);
  }
  if (keys.length === 0) {
    return error(
      `The JWKS at ${shown} has no keys.`,
      noVerify,
      'Create or enable an active RS256 signing key in the IdP (Keycloak: Realm settings → Keys).',
    );
  }
  const signing = keys.filter((k) => typeof k === 'object' && k !== null && (k as { use?: unknown }).use !== 'enc');
  if (signing.length === 0) {
    return error(
      `The JWKS at ${shown} has ${keys.length} key(s), all marked "use": "enc" — none for signatures.`,
      noVerify,
      'Create or enable an active RS256 signing key in the IdP.',
    );
  }
  return [];
}

export function pkceFindings(source: SourcePosition, metadata: ProviderMetadata, expectPkce: boolean): Finding[] | 'skipped' {
  if (!expectPkce) return 'skipped';
  const methods = metadata.codeChallengeMethods;
  if (methods?.includes('S256')) return [];
  return [
    finding('live-pkce', 'warning', source, {
      message:
        methods === undefined
          ? `PKCE is configured (code_challenge_method=S256) but ${metadata.issuer} does not advertise code_challenge_methods_supported.`
          : `PKCE is configured (code_challenge_method=S256) but ${metadata.issuer} advertises only [${methods.join(', ')}].`,
      why:
        'oauth2-proxy sends an S256 code challenge as configured; an IdP that does not support S256 ignores it or rejects the code ' +
        'exchange, and logins then fail at /oauth2/callback. Some IdPs support PKCE without advertising it: try one login to be sure.',
      fix: 'Enable PKCE with S256 for this client in the IdP, or remove --code-challenge-method=S256 (OAUTH2_PROXY_CODE_CHALLENGE_METHOD) if it cannot.',
    }),
  ];
}
