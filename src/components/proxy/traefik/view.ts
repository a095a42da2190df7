/** What proxy/traefik.yml and proxy/traefik/prefect.yml lay out: the stack's edge (../edge.ts) in Traefik's terms. */
import type { Spec } from '../../../config/schema.js';
import type { Urls } from '../../../plan/urls.js';
import type { IdentityFacts } from '../../types.js';
import { edge, type Backend, type Edge } from '../edge.js';
import { TRAEFIK_ACME_STORAGE, TRAEFIK_CA, TRAEFIK_DYNAMIC, TRAEFIK_PING_PORT, TRAEFIK_ROUTES_FILE, TRAEFIK_TLS, TRAEFIK_TLS_OPTIONS, TRAEFIK_USERS } from './facts.js';

export interface TraefikRouter {
  name: string;
  comment: string;
  rule: string;
  priority: number;
  entryPoint: string;
  middlewares: string[];
  service: string;
}

export interface TraefikView {
  edge: Edge;
  /** The entry point every public host is served on, and its port. */
  main: { name: string; port: number };
  /** https: the plain-http entry point that redirects (and answers ACME's HTTP-01). */
  http: { name: string; port: number } | undefined;
  /** A bundled identity provider's admin console on a port of its own (the server target). */
  admin: { name: string; port: number } | undefined;
  pingPort: number;
  /** Entry point addresses: every address of the container, on that port. */
  mainAddress: string;
  httpAddress: string | undefined;
  adminAddress: string | undefined;
  pingAddress: string;
  dynamicDir: string;
  dynamicFile: string;
  signedInAddress: string;
  hostCount: string;
  /** forwardAuth: the largest answer of oauth2-proxy Traefik reads (unlimited by default). */
  authAnswerLimit: number;
  cspNote: string;
  streamTimeout: string;
  routers: TraefikRouter[];
  services: { name: string; urls: string[]; transport: string | undefined; healthPath: string | undefined }[];
  prefectIdle: string;
  usersFile: string;
  /** Bearer tokens on the machine host: the oauth2-proxy that checks them. */
  bearer: { address: string; what: string } | undefined;
  /** https: the certificate files (`files`) or Traefik's own ACME client (`acme`), and Mozilla's intermediate options. */
  tls: { certResolver: string | undefined; options: typeof TRAEFIK_TLS_OPTIONS } | undefined;
  files: { certificate: string; key: string } | undefined;
  acme: { email: string; directory: string; storage: string; ca: string | undefined } | undefined;
  hashNote: string;
}

/** A Traefik v3 rule: one value per matcher, joined with && (v2's Host(`a`, `b`) is refused by v3). */
const host = (name: string) => `Host(\`${name}\`)`;
const prefix = (path: string) => `PathPrefix(\`${path}\`)`;
const url = (b: Backend) => `http://${b.host}:${b.port}`;

export function traefikView(spec: Spec, urls: Urls, identity: IdentityFacts): TraefikView {
  const shared = edge(spec, urls, identity);
  const https = shared.tls !== undefined;
  const main = { name: https ? 'websecure' : 'web', port: shared.port };
  const admin = shared.idp?.adminPort ? { name: 'idp-admin', port: shared.idp.adminPort } : undefined;
  const machine = shared.machine;
  const bearer = machine.tokens
    ? { address: `${url(shared.backends.oauth2Proxy)}/oauth2/auth`, what: `An access token of ${identity.displayName} (CI, by client credentials): oauth2-proxy checks its issuer, audience, expiry and roles` }
    : machine.github
      ? { address: `${url(machine.github)}/oauth2/auth`, what: "A GitHub Actions job's OIDC token: oauth2-proxy-github checks its issuer, audience, expiry and exact subject" }
      : undefined;
  // Traefik cannot rename oauth2-proxy's X-Auth-Request-* to X-Forwarded-*: the client's X-Forwarded-User/Email are dropped, and the person's arrive as X-Auth-Request-User/Email.
  const forPeople = ['security-headers', 'ui-csp', 'no-identity', ...(shared.prefectAuth ? ['prefect-auth'] : [])];
  const forMachines = ['security-headers', 'no-identity'];
  const router = (r: Omit<TraefikRouter, 'entryPoint'> & { entryPoint?: string }): TraefikRouter => ({ entryPoint: main.name, ...r });
  const routers: TraefikRouter[] = [
    router({ name: 'ui-oauth2', comment: "oauth2-proxy's own pages: sign-in, callback, sign-out", rule: `${host(shared.ui.host)} && ${prefix('/oauth2/')}`, priority: 300, middlewares: ['security-headers', 'ui-csp'], service: 'oauth2-proxy' }),
    router({ name: 'ui-api', comment: 'The API the UI calls: a 401 (not a redirect) when the session is gone', rule: `${host(shared.ui.host)} && ${prefix('/api/')}`, priority: 200, middlewares: [...forPeople, 'signed-in'], service: 'prefect' }),
    router({ name: 'ui', comment: 'Everything else of the UI: not signed in, oauth2-proxy starts the sign-in', rule: host(shared.ui.host), priority: 100, middlewares: [...forPeople, 'sign-in', 'signed-in'], service: 'prefect' }),
    router({ name: 'machine-health', comment: "Prefect's own health endpoint, exempt from its auth: probes need no credential", rule: `${host(machine.host)} && Path(\`${shared.healthPath}\`)`, priority: 300, middlewares: [...forMachines, 'health-path'], service: 'prefect' }),
    ...(bearer
      ? [router({ name: 'machine-token', comment: 'A bearer token goes to its check; anything else to the passwords below', rule: `${host(machine.host)} && ${prefix('/api/')} && HeaderRegexp(\`Authorization\`, \`^Bearer \`)`, priority: 250, middlewares: [...forMachines, 'token-check'], service: 'prefect' })]
      : []),
    router({
      name: 'machine',
      comment: machine.basic ? "Machines: the API only, behind the machine users' passwords" : 'Machines: the API only, WITH NO CREDENTIAL (machineAccess.type: none)',
      rule: `${host(machine.host)} && ${prefix('/api/')}`,
      priority: 200,
      middlewares: [...forMachines, ...(machine.basic ? ['machine-passwords'] : [])],
      service: 'prefect',
    }),
    ...(shared.idp
      ? [
          router({
            name: 'idp',
            comment: "The identity provider, at the same URL for browsers and containers; not its admin console, admin API or master realm",
            rule: `${host(shared.idp.host)} && !${prefix('/admin/')} && !${prefix('/realms/master/')}`,
            priority: 100,
            middlewares: https ? ['hsts'] : [],
            service: 'idp',
          }),
          router({
            name: 'idp-admin',
            comment: admin ? "The identity provider's admin console: plain http on a port published on the server's loopback only" : "The identity provider's admin console, at a name only this computer resolves",
            rule: host(shared.idp.adminHost),
            priority: 100,
            middlewares: [],
            service: 'idp',
            ...(admin ? { entryPoint: admin.name } : {}),
          }),
        ]
      : []),
  ];
  const acme = spec.tls?.acme;
  return {
    edge: shared,
    main,
    http: shared.tls ? { name: 'web', port: shared.tls.httpPort } : undefined,
    admin,
    pingPort: TRAEFIK_PING_PORT,
    mainAddress: `:${main.port}`,
    httpAddress: shared.tls ? `:${shared.tls.httpPort}` : undefined,
    adminAddress: admin ? `:${admin.port}` : undefined,
    pingAddress: `:${TRAEFIK_PING_PORT}`,
    dynamicDir: TRAEFIK_DYNAMIC,
    dynamicFile: TRAEFIK_ROUTES_FILE,
    signedInAddress: `${url(shared.backends.oauth2Proxy)}/oauth2/auth`,
    hostCount: shared.idp ? 'Three' : 'Two',
    authAnswerLimit: 65536,
    cspNote: 'inline styles, data: images and a blob: worker are what the UI uses.',
    streamTimeout: shared.streamTimeout,
    routers,
    services: [
      { name: 'prefect', urls: shared.backends.prefect.map(url), transport: 'prefect', healthPath: shared.backends.prefect.length > 1 ? shared.healthPath : undefined },
      { name: 'oauth2-proxy', urls: [url(shared.backends.oauth2Proxy)], transport: undefined, healthPath: undefined },
      ...(shared.idp ? [{ name: 'idp', urls: [url(shared.idp.backend)], transport: undefined, healthPath: undefined }] : []),
    ],
    prefectIdle: `${shared.prefectIdleSeconds}s`,
    usersFile: TRAEFIK_USERS,
    bearer,
    tls: https ? { certResolver: acme ? 'acme' : undefined, options: TRAEFIK_TLS_OPTIONS } : undefined,
    files: spec.tls && !acme ? TRAEFIK_TLS : undefined,
    acme: acme ? { email: acme.email, directory: acme.directory, storage: TRAEFIK_ACME_STORAGE, ca: spec.tls?.ca ? TRAEFIK_CA : undefined } : undefined,
    hashNote: 'Traefik checks the password on every request, with no cache: generated passwords are unsalted SHA-1 ({SHA}) of 256 random bits, which need no salt; passwords a person chose are bcrypt.',
  };
}
