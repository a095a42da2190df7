/**
 * OpenID discovery exactly as oauth2-proxy performs it (pkg/providers/oidc/provider.go, same as
 * coreos/go-oidc NewProvider): `strings.TrimSuffix(issuerURL, "/") + "/.well-known/openid-configuration"`,
 * a GET that follows redirects (Go's http.Client does), JSON decoded, then the `issuer` field
 * compared with the configured string exactly.
 */
import type { Severity } from '../types.js';
import { adviseNetworkFailure } from './advice.js';
import { displayUrl } from './compareUrl.js';
import { describeBody, parseJsonObject, probeFollowing, type RedirectHop } from './http.js';
import type { FindingText } from './result.js';

export interface ProviderMetadata {
  issuer: string;
  authorizationEndpoint?: string;
  jwksUri?: string;
  /** undefined when the document has no `code_challenge_methods_supported`. */
  codeChallengeMethods?: string[];
}

export interface DiscoveryProblem {
  severity: Severity;
  text: FindingText;
}

export interface Discovery {
  issuerUrl: string;
  discoveryUrl: string;
  /** Set when a JSON document with an `issuer` string came back. */
  metadata?: ProviderMetadata;
  problems: DiscoveryProblem[];
  hops: RedirectHop[];
}

const WELL_KNOWN = '/.well-known/openid-configuration';

export function discoveryUrlFor(issuerUrl: string): string {
  // Only ONE trailing slash is removed, as Go's strings.TrimSuffix does.
  return (issuerUrl.endsWith('/') ? issuerUrl.slice(0, -1) : issuerUrl) + WELL_KNOWN;
}

function stringField(doc: Record<string, unknown>, key: string): string | undefined {
  const value = doc[key];
  return typeof value === 'string' ? value : undefined;
}

export async function discover(issuerUrl: string, timeoutMs: number): Promise<Discovery> {
  const discoveryUrl = discoveryUrlFor(issuerUrl);
  const { outcome, hops } = await probeFollowing(discoveryUrl, { timeoutMs, accept: 'application/json' });
  const result: Discovery = { issuerUrl, discoveryUrl, problems: [], hops };
  const error = (text: FindingText) => {
    result.problems.push({ severity: 'error', text });
    return result;
  };

  if (hops.length > 0) {
    const last = hops[hops.length - 1];
    result.problems.push({
      severity: 'warning',
      text: {
        message: `Discovery at ${displayUrl(discoveryUrl)} redirects (HTTP ${hops[0]?.status}) to ${displayUrl(last?.to ?? '')}.`,
        why:
          "oauth2-proxy's HTTP client follows the redirect, but the document it finds names the issuer of the final URL, " +
          'which then has to equal the configured issuer exactly; a redirect usually means the configured issuer is not the canonical one.',
        fix: 'Configure the issuer the IdP advertises (shown by live-issuer-match), so discovery needs no redirect.',
      },
    });
  }
  if (outcome.kind === 'failure') return error(adviseNetworkFailure(outcome, 'issuer', timeoutMs));

  const shown = displayUrl(outcome.url);
  if (outcome.status !== 200) {
    const status = outcome.status;
    if (status === 404) {
      return error({
        message: `No OpenID configuration at ${shown} (HTTP 404).`,
        why:
          'oauth2-proxy exits at startup with "failed to discover OIDC configuration". The issuer path is usually wrong: ' +
          'Keycloak 17+ uses /realms/<realm> (before 17: /auth/realms/<realm>), Entra ID needs /<tenant>/v2.0, Okta /oauth2/default.',
        fix: `Set the issuer to the URL whose ${WELL_KNOWN} answers JSON, e.g. https://<keycloak-host>/realms/<realm>.`,
      });
    }
    if (status === 401 || status === 403) {
      return error({
        message: `Discovery at ${shown} requires authentication (HTTP ${status}).`,
        why: 'oauth2-proxy fetches discovery without credentials; a proxy that protects the IdP itself blocks every login.',
        fix: 'Exempt the IdP (at least /.well-known/ and the JWKS) from basic auth, auth_request or forwardAuth in the proxy.',
      });
    }
    if (status >= 300 && status < 400) {
      return error({
        message: `Discovery at ${shown} answered a redirect (HTTP ${status}) that could not be followed after ${hops.length} redirects.`,
        why: 'oauth2-proxy gives up on a redirect loop or a redirect without a Location and fails discovery.',
        fix: 'Check the proxy in front of the IdP for an http→https or host redirect loop.',
      });
    }
    return error({
      message: `Discovery at ${shown} answered HTTP ${status} instead of 200.`,
      why:
        status === 502 || status === 503 || status === 504
          ? 'The proxy in front of the IdP cannot reach it (container down, still starting, or the wrong upstream name/port).'
          : 'oauth2-proxy treats any non-200 as a failed discovery and does not start.',
      fix: `Look at the logs of the IdP and of the proxy in front of it; \`curl -i ${shown}\` must answer 200 with JSON.`,
    });
  }

  const doc = parseJsonObject(outcome.body);
  if (!doc) {
    return error({
      message: `Discovery at ${shown} did not return JSON (${describeBody(outcome)}).`,
      why:
        'oauth2-proxy cannot decode it and fails at startup. An HTML page here usually means the URL points at the app, ' +
        "at a proxy's catch-all or login page, or at the wrong port instead of the IdP.",
      fix: `Point the issuer at the IdP itself: the URL whose ${WELL_KNOWN} returns the JSON discovery document.`,
    });
  }
  const issuer = stringField(doc, 'issuer');
  if (issuer === undefined) {
    return error({
      message: `The JSON at ${shown} has no "issuer" field, so it is not an OpenID discovery document.`,
      why: 'oauth2-proxy compares this field with its configured issuer and refuses to start on a mismatch.',
      fix: `Point the issuer at the IdP itself: the URL whose ${WELL_KNOWN} returns the discovery document.`,
    });
  }
  const metadata: ProviderMetadata = { issuer };
  const authorizationEndpoint = stringField(doc, 'authorization_endpoint');
  if (authorizationEndpoint !== undefined) metadata.authorizationEndpoint = authorizationEndpoint;
  const jwksUri = stringField(doc, 'jwks_uri');
  if (jwksUri !== undefined) metadata.jwksUri = jwksUri;
  const methods = doc['code_challenge_methods_supported'];
  if (Array.isArray(methods)) metadata.codeChallengeMethods = methods.filter((m): m is string => typeof m === 'string');
  result.metadata = metadata;
  return result;
}
