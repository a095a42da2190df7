/** What proxy/nginx.conf lays out: every host, upstream, limit and header, decided here. */
import type { Spec } from '../../../config/schema.js';
import type { MachineUserPlan } from '../../../plan/types.js';
import { hostPort, type Urls } from '../../../plan/urls.js';
import { API_BODY_LIMIT, PREFECT_HEALTH_PATH, PREFECT_KEEPALIVE_SECONDS, PREFECT_PORT, PREFECT_SOCKET_PATHS, STREAM_TIMEOUT } from '../../prefect/facts.js';
import type { IdentityFacts } from '../../types.js';
import { serverNamesBucket } from './facts.js';
import { OAUTH2_PROXY_PORT } from '../../sso/oauth2Proxy/facts.js';
import { HTTP_PORT, MOZILLA_INTERMEDIATE, TLS_DIR_IN_PROXY } from '../../target/server/facts.js';
import { publicNames } from '../../target/server/names.js';
import { PREFECT_AUTH_IN_PROXY } from './prefectAuth.js';
import { prefectApiServices } from '../../prefect/layout.js';
import { GITHUB_AUTH_PATH, GITHUB_PROXY_SERVICE } from '../../machineAccess/githubActions/facts.js';
import { ACME_WEBROOT, legoFiles } from '../../certificates/acme/facts.js';
import { edge } from '../edge.js';

export { uiContentSecurityPolicy } from '../edge.js';

/** Where the certificate files are mounted in the proxy. */
export const NGINX_TLS = { certificate: `${TLS_DIR_IN_PROXY}/certificate.pem`, key: `${TLS_DIR_IN_PROXY}/key.pem` };

/** Where the ACME certificates (lego's data volume) are mounted in the proxy, read-only. */
export const NGINX_ACME_DATA = '/etc/nginx/acme';

export const NGINX_HTPASSWD = '/etc/nginx/htpasswd';
export const NGINX_CONF = '/etc/nginx/nginx.conf';

/**
 * The image's nginx user (uid and gid 101 in nginx:*-alpine): the master
 * process needs no root for its port (Docker lets a container bind any port),
 * and what it writes goes to /tmp, as the image's documentation describes for
 * running it without root ("Running nginx as a non-root user",
 * hub.docker.com/_/nginx).
 */
export const NGINX_USER = '101:101';
const RUNTIME = {
  pid: '/tmp/nginx.pid',
  temp: ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => ({ kind, path: `/tmp/nginx-${kind.replace('_', '-')}` })),
};

export interface NginxView {
  /** The pid file and temporary folders, where the unprivileged user may write. */
  runtime: typeof RUNTIME;
  listenPort: number;
  /** Docker's embedded DNS: nginx re-resolves each upstream (`server … resolve`), so it starts while one is down and follows one that restarts with a new address. */
  resolver: string;
  resolverValid: string;
  /** One `upstream` block per backend: kept-alive connections, re-resolved names. */
  upstreamGroups: {
    name: string;
    /** Several for Prefect's API replicas: nginx balances them and passes a refused request on to the next. */
    servers: { host: string; port: number }[];
    /** When the backend closes idle connections itself, the proxy closes its own a second sooner. */
    idle?: { backend: string; proxy: string };
  }[];
  /** Idle kept-alive connections per worker, shared by every location of a group. */
  upstreamKeepalive: number;
  htpasswdPath: string;
  /** machineAccess.serverAuthString: the file with the Authorization header nginx sends Prefect for signed-in people. */
  prefectAuth: string | undefined;
  clientMaxBodySize: string;
  streamTimeout: string;
  /** `prefectHealth` names the URI in proxy_pass, so nginx forwards exactly it, never the raw URI that matched (`/api/x%2F..%2Fhealth`). */
  upstreams: { prefect: string; prefectHealth: string; oauth2Proxy: string; oauth2Start: string; idp: string | undefined };
  healthPath: string;
  /** `authority`: host and port as clients address the host (the port left out when it is the scheme's), sent on as Host. */
  ui: { host: string; origin: string; authority: string };
  /** `tokens`: the identity provider's access tokens are accepted too (machineAccess.tokens). */
  /** `github`: GitHub Actions tokens too, checked by a second oauth2-proxy (machineAccess.githubActions). */
  machine: { host: string; realm: string; authority: string; tokens: boolean; basic: boolean; github: { authPath: string; upstream: string } | undefined };
  /** `adminPort`: the admin console on a plain-http port of its own, published on the host's loopback only (the server target). */
  idp: { host: string; authority: string; adminHost: string; adminAuthority: string; headerBuffersNote: string; adminPort: number | undefined } | undefined;
  /** `Three` with a bundled identity provider behind the proxy, else `Two`. */
  hostCount: string;
  /** server_names_hash_bucket_size that holds the longest server name. */
  serverNamesBucket: string;
  socketPaths: string[];
  securityHeaders: { name: string; value: string }[];
  /** The HSTS header value under TLS (also on the identity provider's host). */
  hsts: string;
  /**
   * https (the server target): the certificate files as the container sees them (`files`), or ACME's
   * per-name certificates and the challenge folder port 80 serves (`acme`); Mozilla's intermediate
   * settings, and the plain-http port that redirects.
   */
  tls:
    | {
        files: { certificate: string; key: string } | undefined;
        acme: { webroot: string; certificates: { name: string; certificate: string; key: string }[]; cache: string } | undefined;
        protocols: string;
        curves: string;
        ciphers: string;
        httpPort: number;
        redirectPort: number | undefined;
      }
    | undefined;
  /** The port of the plain-http server that answers /healthz (the http port when there is TLS). */
  healthPort: number;
  /** The UI host's Content-Security-Policy, and why each exception is there. */
  uiContentSecurityPolicy: string;
  cspNote: string;
}

const GROUPS = { prefect: 'prefect-upstream', oauth2Proxy: 'oauth2-proxy-upstream', idp: 'idp-upstream', github: 'oauth2-proxy-github-upstream' } as const;

export function nginxView(spec: Spec, urls: Urls, identity: IdentityFacts): NginxView {
  const scheme = urls.ui.startsWith('https:') ? 'https' : 'http';
  const authority = (host: string) => hostPort(scheme, host, spec.hosts.port);
  const bundled = identity.service && identity.bundled ? { service: identity.service, ...identity.bundled } : undefined;
  const port = spec.hosts.port;
  const shared = edge(spec, urls, identity);
  const acme = spec.tls?.acme
    ? {
        webroot: ACME_WEBROOT,
        // One certificate per public name, chosen by the name the client asked for (SNI); an unlisted name gets none.
        certificates: publicNames({ spec, identity }).map((name) => ({ name, ...legoFiles(name, NGINX_ACME_DATA) })),
        cache: 'max=16',
      }
    : undefined;
  const tls = spec.tls
    ? {
        files: spec.tls.acme ? undefined : NGINX_TLS,
        acme,
        protocols: MOZILLA_INTERMEDIATE.protocols,
        curves: MOZILLA_INTERMEDIATE.curves,
        ciphers: MOZILLA_INTERMEDIATE.ciphers,
        httpPort: HTTP_PORT,
        // https's own port goes unsaid in the redirect.
        redirectPort: port === 443 ? undefined : port,
      }
    : undefined;
  return {
    tls,
    hsts: MOZILLA_INTERMEDIATE.hsts,
    healthPort: tls ? tls.httpPort : port,
    runtime: RUNTIME,
    listenPort: spec.hosts.port,
    resolver: '127.0.0.11',
    resolverValid: '10s',
    upstreamGroups: [
      { name: GROUPS.prefect, servers: prefectApiServices(spec).map((host) => ({ host, port: PREFECT_PORT })), idle: { backend: `${PREFECT_KEEPALIVE_SECONDS}s`, proxy: `${PREFECT_KEEPALIVE_SECONDS - 1}s` } },
      { name: GROUPS.oauth2Proxy, servers: [{ host: 'oauth2-proxy', port: OAUTH2_PROXY_PORT }] },
      ...(bundled ? [{ name: GROUPS.idp, servers: [{ host: bundled.service, port: bundled.port }] }] : []),
      ...(spec.machineAccess.githubActions ? [{ name: GROUPS.github, servers: [{ host: GITHUB_PROXY_SERVICE, port: OAUTH2_PROXY_PORT }] }] : []),
    ],
    upstreamKeepalive: 16,
    htpasswdPath: NGINX_HTPASSWD,
    prefectAuth: spec.machineAccess.serverAuthString ? PREFECT_AUTH_IN_PROXY : undefined,
    healthPath: PREFECT_HEALTH_PATH,
    clientMaxBodySize: API_BODY_LIMIT,
    streamTimeout: STREAM_TIMEOUT,
    upstreams: {
      prefect: `http://${GROUPS.prefect}`,
      prefectHealth: `http://${GROUPS.prefect}${PREFECT_HEALTH_PATH}`,
      oauth2Proxy: `http://${GROUPS.oauth2Proxy}`,
      oauth2Start: `http://${GROUPS.oauth2Proxy}/oauth2/start`,
      idp: bundled ? `http://${GROUPS.idp}` : undefined,
    },
    ui: { host: spec.hosts.ui, origin: urls.ui, authority: authority(spec.hosts.ui) },
    machine: { host: spec.hosts.machine, realm: 'Prefect API', authority: authority(spec.hosts.machine), tokens: spec.machineAccess.tokens !== undefined, basic: spec.machineAccess.type === 'basic',
      github: spec.machineAccess.githubActions ? { authPath: GITHUB_AUTH_PATH, upstream: `http://${GROUPS.github}/oauth2/auth` } : undefined,
    },
    idp: bundled
      ? {
          host: bundled.host,
          authority: authority(bundled.host),
          adminHost: bundled.adminHost,
          adminAuthority: bundled.adminPort ? `${bundled.adminHost}:${bundled.adminPort}` : authority(bundled.adminHost),
          headerBuffersNote: bundled.headerBuffersNote,
          adminPort: bundled.adminPort,
        }
      : undefined,
    hostCount: bundled ? 'Three' : 'Two',
    serverNamesBucket: serverNamesBucket([spec.hosts.ui, spec.hosts.machine, ...(bundled ? [bundled.host, bundled.adminHost] : [])]),
    socketPaths: PREFECT_SOCKET_PATHS,
    uiContentSecurityPolicy: shared.uiContentSecurityPolicy,
    cspNote: 'inline styles, data: images and a blob: worker are what the UI uses.',
    securityHeaders: shared.securityHeaders,
  };
}

/**
 * What the comment above the machine server says about the htpasswd entries,
 * continuing "The entries in the htpasswd"; why a fast hash is said once for
 * the stack, in NEXT_STEPS.md.
 */
export function hashNote(machineUsers: MachineUserPlan[]): string[] {
  return machineUsers.some((u) => u.hash === 'bcrypt')
    ? ['file are salted SHA-1 ({SSHA}) for generated passwords and bcrypt for', 'passwords a person chose (NEXT_STEPS.md says why).']
    : ['file are salted SHA-1 ({SSHA}) of 256-bit random passwords (NEXT_STEPS.md', 'says why not bcrypt).'];
}
