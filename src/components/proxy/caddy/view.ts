/** What proxy/Caddyfile lays out: the stack's edge (../edge.ts) in Caddy's terms. */
import type { Spec } from '../../../config/schema.js';
import type { Urls } from '../../../plan/urls.js';
import type { IdentityFacts } from '../../types.js';
import { edge, type Edge } from '../edge.js';
import { CADDY_CA, CADDY_COPY_HEADERS_FIXED, CADDY_PREFECT_AUTH, CADDY_TLS, CADDY_USERS, CADDY_VERSION } from './facts.js';
import { GITHUB_PROXY_SERVICE } from '../../machineAccess/githubActions/facts.js';

export interface CaddyView {
  edge: Edge;
  version: string;
  copyHeadersFixed: string;
  siteScheme: 'http' | 'https';
  hostCount: string;
  tls: { httpPort: number; redirectPort: number | undefined } | undefined;
  files: { certificate: string; key: string } | undefined;
  acme: { email: string; directory: string; caRoot: string | undefined } | undefined;
  bodyLimitBytes: number;
  usersFile: string;
  prefectAuthFile: string | undefined;
  /** More than one API replica: Caddy balances them and steps around one that fails. */
  prefectReplicas: boolean;
  /** Bearer tokens on the machine host (machineAccess.tokens or githubActions): who checks them. */
  bearer: { host: string; port: number; what: string; checks: string } | undefined;
  hashNote: string;
  cspNote: string;
}

/** `16m` (the nginx-style amount Prefect's facts use) in bytes. */
export function bytesOf(amount: string): number {
  const match = /^(\d+)([kmg]?)$/.exec(amount);
  if (!match) throw new Error(`internal: ${amount} is not an amount`);
  return Number(match[1]) * 1024 ** ['', 'k', 'm', 'g'].indexOf(match[2]!);
}

export function caddyView(spec: Spec, urls: Urls, identity: IdentityFacts): CaddyView {
  const shared = edge(spec, urls, identity);
  const acme = spec.tls?.acme;
  return {
    edge: shared,
    version: CADDY_VERSION,
    copyHeadersFixed: CADDY_COPY_HEADERS_FIXED,
    siteScheme: shared.scheme,
    hostCount: shared.idp ? 'Three' : 'Two',
    tls: shared.tls ? { httpPort: shared.tls.httpPort, redirectPort: shared.tls.redirectPort } : undefined,
    files: spec.tls && !acme ? CADDY_TLS : undefined,
    acme: acme ? { email: acme.email, directory: acme.directory, caRoot: spec.tls?.ca ? CADDY_CA : undefined } : undefined,
    bodyLimitBytes: bytesOf(shared.bodyLimit),
    usersFile: CADDY_USERS,
    prefectAuthFile: shared.prefectAuth ? CADDY_PREFECT_AUTH : undefined,
    prefectReplicas: shared.backends.prefect.length > 1,
    bearer: shared.machine.tokens
      ? { host: shared.backends.oauth2Proxy.host, port: shared.backends.oauth2Proxy.port, what: `An access token of ${identity.displayName} (CI, by client credentials)`, checks: 'its issuer, audience, expiry and roles' }
      : shared.machine.github
        ? { host: GITHUB_PROXY_SERVICE, port: shared.machine.github.port, what: "A GitHub Actions job's OIDC token", checks: 'its issuer, audience, expiry and exact subject' }
        : undefined,
    // Caddy verifies bcrypt and argon2id only, and remembers each successful check (the Caddyfile turns its cache on).
    hashNote: 'bcrypt: Caddy verifies each password once, then remembers the success.',
    cspNote: 'inline styles, data: images and a blob: worker are what the UI uses.',
  };
}
