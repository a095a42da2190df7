import type { Spec } from '../spec/schema.js';
import { API_BODY_LIMIT, PREFECT_PORT, PREFECT_SOCKET_PATHS, STREAM_TIMEOUT } from './prefect.js';
import { KEYCLOAK_PORT, NGINX_HTPASSWD, OAUTH2_PROXY_PORT } from './services.js';
import type { NginxPlan } from './types.js';
import { adminHost, type Urls } from './urls.js';

export function planNginx(spec: Spec, urls: Urls): NginxPlan {
  return {
    listenPort: spec.hosts.port,
    resolver: '127.0.0.11',
    resolverValid: '10s',
    htpasswdPath: NGINX_HTPASSWD,
    clientMaxBodySize: API_BODY_LIMIT,
    streamTimeout: STREAM_TIMEOUT,
    upstreams: {
      prefect: `http://prefect-server:${PREFECT_PORT}`,
      oauth2Proxy: `http://oauth2-proxy:${OAUTH2_PROXY_PORT}`,
      oauth2Start: `http://oauth2-proxy:${OAUTH2_PROXY_PORT}/oauth2/start`,
      idp: `http://keycloak:${KEYCLOAK_PORT}`,
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
