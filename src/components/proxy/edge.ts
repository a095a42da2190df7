/**
 * What every proxy of the stack does, whichever program it is: the public
 * hosts and what each one lets through, the backends it forwards to, the
 * headers it adds, the limits Prefect needs. The nginx, Caddy and Traefik
 * components lay this out in their own configuration language.
 */
import type { Spec } from '../../config/schema.js';
import { hostPort, type Urls } from '../../plan/urls.js';
import { API_BODY_LIMIT, PREFECT_HEALTH_PATH, PREFECT_KEEPALIVE_SECONDS, PREFECT_PORT, PREFECT_SOCKET_PATHS, STREAM_TIMEOUT } from '../prefect/facts.js';
import type { IdentityFacts } from '../types.js';
import { prefectApiServices } from '../prefect/layout.js';
import { OAUTH2_PROXY_PORT } from '../sso/oauth2Proxy/facts.js';
import { HTTP_PORT, MOZILLA_INTERMEDIATE } from '../target/server/facts.js';
import { publicNames } from '../target/server/names.js';
import { GITHUB_PROXY_SERVICE } from '../machineAccess/githubActions/facts.js';

/** A backend the proxy forwards to: its compose service and port. */
export interface Backend {
  host: string;
  port: number;
}

export interface Edge {
  scheme: 'http' | 'https';
  /** The port every public host is served on, inside the container as outside. */
  port: number;
  /** https: the plain-http port that redirects (and answers the healthcheck); the redirect names the https port unless it is 443. */
  tls: { httpPort: number; redirectPort: number | undefined; names: string[] } | undefined;
  /** `authority`: host and port as clients address the host (the port left out when it is the scheme's). */
  ui: { host: string; origin: string; authority: string };
  machine: {
    host: string;
    authority: string;
    realm: string;
    /** Machine users' passwords (basic auth); none with machineAccess.type none. */
    basic: boolean;
    /** An access token of the identity provider is let in too (machineAccess.tokens), checked by oauth2-proxy. */
    tokens: boolean;
    /** A GitHub Actions job's token is let in too, checked by a second oauth2-proxy. */
    github: Backend | undefined;
  };
  /** A bundled identity provider behind the proxy: its host, and its admin console's host (and port, on a server). */
  idp: { host: string; authority: string; adminHost: string; adminPort: number | undefined; backend: Backend } | undefined;
  /** Prefect's API replicas (one unless scale.apiReplicas), load-balanced; oauth2-proxy. */
  backends: { prefect: Backend[]; oauth2Proxy: Backend };
  /** The proxy closes connections to Prefect idle this long, a second before Prefect would. */
  prefectIdleSeconds: number;
  healthPath: string;
  socketPaths: string[];
  bodyLimit: string;
  streamTimeout: string;
  securityHeaders: { name: string; value: string }[];
  hsts: string;
  uiContentSecurityPolicy: string;
  /** machineAccess.serverAuthString: the proxy sends Prefect's auth string for signed-in people. */
  prefectAuth: boolean;
}

/**
 * What the Prefect UI needs, checked in a real browser with no CSP violation
 * reported (test/realstack/scenarios/browser.ts): its scripts, styles, fonts
 * and API on its own origin, WebSockets back to it, inline styles (its
 * component library sets style attributes), data: images, and a Web Worker
 * it starts from a blob: URL.
 */
export function uiContentSecurityPolicy(uiOrigin: string): string {
  const socket = uiOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The UI starts a Web Worker from a blob: URL (Chromium reported it as refused without this).
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${socket}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export function edge(spec: Spec, urls: Urls, identity: IdentityFacts): Edge {
  const scheme = urls.ui.startsWith('https:') ? 'https' : 'http';
  const authority = (host: string) => hostPort(scheme, host, spec.hosts.port);
  const port = spec.hosts.port;
  const bundled = identity.service && identity.bundled ? { service: identity.service, ...identity.bundled } : undefined;
  const tls = spec.tls ? { httpPort: HTTP_PORT, redirectPort: port === 443 ? undefined : port, names: publicNames({ spec, identity }) } : undefined;
  return {
    scheme,
    port,
    tls,
    ui: { host: spec.hosts.ui, origin: urls.ui, authority: authority(spec.hosts.ui) },
    machine: {
      host: spec.hosts.machine,
      authority: authority(spec.hosts.machine),
      realm: 'Prefect API',
      basic: spec.machineAccess.type === 'basic',
      tokens: spec.machineAccess.tokens !== undefined,
      github: spec.machineAccess.githubActions ? { host: GITHUB_PROXY_SERVICE, port: OAUTH2_PROXY_PORT } : undefined,
    },
    idp: bundled
      ? { host: bundled.host, authority: authority(bundled.host), adminHost: bundled.adminHost, adminPort: bundled.adminPort, backend: { host: bundled.service, port: bundled.port } }
      : undefined,
    backends: { prefect: prefectApiServices(spec).map((host) => ({ host, port: PREFECT_PORT })), oauth2Proxy: { host: 'oauth2-proxy', port: OAUTH2_PROXY_PORT } },
    prefectIdleSeconds: PREFECT_KEEPALIVE_SECONDS - 1,
    healthPath: PREFECT_HEALTH_PATH,
    socketPaths: PREFECT_SOCKET_PATHS,
    bodyLimit: API_BODY_LIMIT,
    streamTimeout: STREAM_TIMEOUT,
    hsts: MOZILLA_INTERMEDIATE.hsts,
    uiContentSecurityPolicy: uiContentSecurityPolicy(urls.ui),
    securityHeaders: [
      { name: 'X-Content-Type-Options', value: 'nosniff' },
      { name: 'X-Frame-Options', value: 'SAMEORIGIN' },
      { name: 'Referrer-Policy', value: 'same-origin' },
      // Browsers then refuse plain http to these names for two years (Mozilla's intermediate profile).
      ...(spec.tls ? [{ name: 'Strict-Transport-Security', value: MOZILLA_INTERMEDIATE.hsts }] : []),
    ],
    prefectAuth: spec.machineAccess.serverAuthString === true,
  };
}
