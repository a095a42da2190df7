import type { Spec } from '../spec/schema.js';
import { API_BODY_LIMIT, PREFECT_KEEPALIVE_SECONDS, PREFECT_PORT, PREFECT_SOCKET_PATHS, STREAM_TIMEOUT } from './prefect.js';
import { KEYCLOAK_PORT, NGINX_HTPASSWD, OAUTH2_PROXY_PORT } from './services.js';
import type { NginxPlan } from './types.js';
import { adminHost, type Urls } from './urls.js';

const GROUPS = { prefect: 'prefect-upstream', oauth2Proxy: 'oauth2-proxy-upstream', idp: 'keycloak-upstream' } as const;

export function planNginx(spec: Spec, urls: Urls): NginxPlan {
  return {
    listenPort: spec.hosts.port,
    resolver: '127.0.0.11',
    resolverValid: '10s',
    upstreamGroups: [
      { name: GROUPS.prefect, host: 'prefect-server', port: PREFECT_PORT, idle: { backend: `${PREFECT_KEEPALIVE_SECONDS}s`, proxy: `${PREFECT_KEEPALIVE_SECONDS - 1}s` } },
      { name: GROUPS.oauth2Proxy, host: 'oauth2-proxy', port: OAUTH2_PROXY_PORT },
      { name: GROUPS.idp, host: 'keycloak', port: KEYCLOAK_PORT },
    ],
    upstreamKeepalive: 16,
    htpasswdPath: NGINX_HTPASSWD,
    clientMaxBodySize: API_BODY_LIMIT,
    streamTimeout: STREAM_TIMEOUT,
    upstreams: {
      prefect: `http://${GROUPS.prefect}`,
      oauth2Proxy: `http://${GROUPS.oauth2Proxy}`,
      oauth2Start: `http://${GROUPS.oauth2Proxy}/oauth2/start`,
      idp: `http://${GROUPS.idp}`,
    },
    ui: { host: spec.hosts.ui, origin: urls.ui },
    machine: { host: spec.hosts.machine, realm: 'Prefect API' },
    idp: { host: spec.hosts.idp, adminHost: adminHost(spec.hosts.idp) },
    socketPaths: PREFECT_SOCKET_PATHS,
    securityHeaders: [
      { name: 'X-Content-Type-Options', value: 'nosniff' },
      { name: 'X-Frame-Options', value: 'SAMEORIGIN' },
      { name: 'Referrer-Policy', value: 'same-origin' },
    ],
  };
}
