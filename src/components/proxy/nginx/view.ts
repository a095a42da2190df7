/** What proxy/nginx.conf lays out: every host, upstream, limit and header, decided here. */
import type { Spec } from '../../../config/schema.js';
import type { Urls } from '../../../plan/urls.js';
import { API_BODY_LIMIT, PREFECT_KEEPALIVE_SECONDS, PREFECT_PORT, PREFECT_SOCKET_PATHS, STREAM_TIMEOUT } from '../../prefect/facts.js';
import { adminHost, KEYCLOAK_PORT } from '../../identity/keycloak/facts.js';
import { OAUTH2_PROXY_PORT } from '../../sso/oauth2Proxy/facts.js';

export const NGINX_HTPASSWD = '/etc/nginx/htpasswd';
export const NGINX_CONF = '/etc/nginx/nginx.conf';

export interface NginxView {
  listenPort: number;
  /** Docker's embedded DNS: nginx re-resolves each upstream (`server … resolve`), so it starts while one is down and follows one that restarts with a new address. */
  resolver: string;
  resolverValid: string;
  /** One `upstream` block per backend: kept-alive connections, re-resolved names. */
  upstreamGroups: {
    name: string;
    host: string;
    port: number;
    /** When the backend closes idle connections itself, the proxy closes its own a second sooner. */
    idle?: { backend: string; proxy: string };
  }[];
  /** Idle kept-alive connections per worker, shared by every location of a group. */
  upstreamKeepalive: number;
  htpasswdPath: string;
  /** What the comment above the machine server says about the htpasswd entries. */
  hashNote: string[];
  clientMaxBodySize: string;
  streamTimeout: string;
  upstreams: { prefect: string; oauth2Proxy: string; oauth2Start: string; idp: string | undefined };
  ui: { host: string; origin: string };
  machine: { host: string; realm: string };
  idp: { host: string; adminHost: string } | undefined;
  socketPaths: string[];
  securityHeaders: { name: string; value: string }[];
}

const GROUPS = { prefect: 'prefect-upstream', oauth2Proxy: 'oauth2-proxy-upstream', idp: 'keycloak-upstream' } as const;

export function nginxView(spec: Spec, urls: Urls, bundledIdp: boolean): NginxView {
  const chosen = spec.machineAccess.users.some((u) => u.password !== undefined);
  return {
    listenPort: spec.hosts.port,
    resolver: '127.0.0.11',
    resolverValid: '10s',
    upstreamGroups: [
      { name: GROUPS.prefect, host: 'prefect-server', port: PREFECT_PORT, idle: { backend: `${PREFECT_KEEPALIVE_SECONDS}s`, proxy: `${PREFECT_KEEPALIVE_SECONDS - 1}s` } },
      { name: GROUPS.oauth2Proxy, host: 'oauth2-proxy', port: OAUTH2_PROXY_PORT },
      ...(bundledIdp ? [{ name: GROUPS.idp, host: 'keycloak', port: KEYCLOAK_PORT }] : []),
    ],
    upstreamKeepalive: 16,
    htpasswdPath: NGINX_HTPASSWD,
    // Continues "The entries in the htpasswd" in the comment above the machine server;
    // why a fast hash is said once for the stack, in NEXT_STEPS.md.
    hashNote: chosen
      ? ['file are salted SHA-1 ({SSHA}) for generated passwords and bcrypt for', 'passwords a person chose (NEXT_STEPS.md says why).']
      : ['file are salted SHA-1 ({SSHA}) of 256-bit random passwords (NEXT_STEPS.md', 'says why not bcrypt).'],
    clientMaxBodySize: API_BODY_LIMIT,
    streamTimeout: STREAM_TIMEOUT,
    upstreams: {
      prefect: `http://${GROUPS.prefect}`,
      oauth2Proxy: `http://${GROUPS.oauth2Proxy}`,
      oauth2Start: `http://${GROUPS.oauth2Proxy}/oauth2/start`,
      idp: bundledIdp ? `http://${GROUPS.idp}` : undefined,
    },
    ui: { host: spec.hosts.ui, origin: urls.ui },
    machine: { host: spec.hosts.machine, realm: 'Prefect API' },
    idp: bundledIdp ? { host: spec.hosts.idp, adminHost: adminHost(spec.hosts.idp) } : undefined,
    socketPaths: PREFECT_SOCKET_PATHS,
    securityHeaders: [
      { name: 'X-Content-Type-Options', value: 'nosniff' },
      { name: 'X-Frame-Options', value: 'SAMEORIGIN' },
      { name: 'Referrer-Policy', value: 'same-origin' },
    ],
  };
}
