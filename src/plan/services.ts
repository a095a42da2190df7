/**
 * The compose services. Only nginx publishes a port; Prefect, Postgres and
 * Keycloak live on an internal network that has no route to the host.
 */
import type { Spec } from '../spec/schema.js';
import { IMAGES } from './images.js';
import { PREFECT_PORT } from './prefect.js';
import type { Urls } from './urls.js';
import type { ComposeValue, NetworkPlan, ServicePlan } from './types.js';

const lit = (literal: string): ComposeValue => ({ literal });
const secret = (name: string, prefix?: string, suffix?: string): ComposeValue => ({
  secret: name,
  ...(prefix ? { prefix } : {}),
  ...(suffix ? { suffix } : {}),
});

const EDGE = 'edge';
const BACKEND = 'backend';

export const OAUTH2_PROXY_PORT = 4180;
export const KEYCLOAK_PORT = 8080;
export const POSTGRES_PORT = 5432;
export const OAUTH2_PROXY_CONFIG = '/etc/oauth2-proxy/oauth2-proxy.cfg';
export const NGINX_HTPASSWD = '/etc/nginx/htpasswd';

export function planNetworks(): NetworkPlan[] {
  return [
    { name: EDGE, internal: false, purpose: 'nginx and oauth2-proxy; oauth2-proxy reaches the identity provider through nginx here' },
    { name: BACKEND, internal: true, purpose: 'internal: no route to the host or the internet; only nginx reaches Prefect and Keycloak' },
  ];
}

const healthcheck = (test: string[], startPeriod = '20s') => ({
  test,
  interval: '10s',
  timeout: '5s',
  retries: 10,
  startPeriod,
});

export function planServices(spec: Spec, urls: Urls): ServicePlan[] {
  const port = spec.hosts.port;
  const { realm } = spec.identityProvider;
  const images = {
    postgres: IMAGES.postgres(spec.database.version),
    prefect: IMAGES.prefect(spec.prefect.image, spec.prefect.version, spec.prefect.python),
  };
  return [
    {
      name: 'nginx',
      purpose: 'The only published port. Answers every public host name, outside and (via aliases) inside Docker.',
      image: IMAGES.nginx,
      restart: 'unless-stopped',
      environment: [],
      // Same port inside as outside, so a URL means the same thing to the browser and to containers.
      ports: [{ bind: spec.hosts.bind, published: port, target: port }],
      volumes: [
        { type: 'bind', source: './proxy/nginx.conf', target: '/etc/nginx/nginx.conf', readOnly: true },
        { type: 'bind', source: './proxy/htpasswd', target: NGINX_HTPASSWD, readOnly: true },
      ],
      networks: [
        { name: EDGE, aliases: [spec.hosts.ui, spec.hosts.machine, spec.hosts.idp] },
        { name: BACKEND, aliases: [] },
      ],
      // No depends_on: nginx resolves upstreams per request and must serve while a backend is down.
      dependsOn: [],
      healthcheck: healthcheck(['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}/healthz`], '5s'),
      listensOn: port,
    },
    {
      name: 'oauth2-proxy',
      purpose: 'Signs people in against the identity provider; nginx asks it about every UI request (auth_request).',
      image: IMAGES.oauth2Proxy,
      command: [`--config=${OAUTH2_PROXY_CONFIG}`],
      // OIDC discovery runs once at start-up: restart until the identity provider answers.
      restart: 'unless-stopped',
      environment: [
        { key: 'OAUTH2_PROXY_CLIENT_SECRET', value: secret('OAUTH2_PROXY_CLIENT_SECRET') },
        { key: 'OAUTH2_PROXY_COOKIE_SECRET', value: secret('OAUTH2_PROXY_COOKIE_SECRET') },
      ],
      ports: [],
      volumes: [{ type: 'bind', source: './oauth2-proxy/oauth2-proxy.cfg', target: OAUTH2_PROXY_CONFIG, readOnly: true }],
      networks: [{ name: EDGE, aliases: [] }],
      dependsOn: [
        { service: 'keycloak', condition: 'service_healthy' },
        { service: 'nginx', condition: 'service_started' },
      ],
      healthcheck: healthcheck(['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${OAUTH2_PROXY_PORT}/ping`], '5s'),
      listensOn: OAUTH2_PROXY_PORT,
    },
    {
      name: 'keycloak',
      purpose: `Development identity provider with the "${realm}" realm imported from ./keycloak.`,
      image: IMAGES.keycloak,
      command: ['start-dev', '--import-realm'],
      restart: 'unless-stopped',
      environment: [
        // A fixed URL makes the issuer the same for the browser and for oauth2-proxy.
        { key: 'KC_HOSTNAME', value: lit(urls.idp) },
        // The admin console, on a *.localhost name the browser treats as a secure context.
        { key: 'KC_HOSTNAME_ADMIN', value: lit(urls.keycloakAdminOrigin) },
        { key: 'KC_HTTP_ENABLED', value: lit('true') },
        { key: 'KC_PROXY_HEADERS', value: lit('xforwarded') },
        { key: 'KC_HEALTH_ENABLED', value: lit('true') },
        { key: 'KC_BOOTSTRAP_ADMIN_USERNAME', value: lit('admin') },
        { key: 'KC_BOOTSTRAP_ADMIN_PASSWORD', value: secret('KEYCLOAK_ADMIN_PASSWORD') },
        // Read by the realm import's ${...} placeholders, so the realm file holds no secret.
        { key: 'OAUTH2_PROXY_CLIENT_SECRET', value: secret('OAUTH2_PROXY_CLIENT_SECRET') },
        { key: 'KEYCLOAK_DEMO_PASSWORD', value: secret('KEYCLOAK_DEMO_PASSWORD') },
      ],
      ports: [],
      volumes: [{ type: 'bind', source: './keycloak', target: '/opt/keycloak/data/import', readOnly: true }],
      networks: [{ name: BACKEND, aliases: [] }],
      dependsOn: [],
      // The image has bash but no HTTP client; health is served on the management port 9000.
      healthcheck: healthcheck(
        ['CMD', 'bash', '-c', "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"],
        '60s',
      ),
      listensOn: KEYCLOAK_PORT,
    },
    {
      name: 'postgres',
      purpose: 'Prefect database; reachable only on the internal network.',
      image: images.postgres,
      restart: 'unless-stopped',
      environment: [
        { key: 'POSTGRES_USER', value: lit('prefect') },
        { key: 'POSTGRES_DB', value: lit('prefect') },
        { key: 'POSTGRES_PASSWORD', value: secret('POSTGRES_PASSWORD') },
      ],
      ports: [],
      volumes: [{ type: 'volume', source: 'postgres-data', target: '/var/lib/postgresql/data', readOnly: false }],
      networks: [{ name: BACKEND, aliases: [] }],
      dependsOn: [],
      healthcheck: healthcheck(['CMD', 'pg_isready', '-U', 'prefect', '-d', 'prefect'], '10s'),
      listensOn: POSTGRES_PORT,
    },
    {
      name: 'prefect-server',
      purpose: 'Prefect API and UI; reachable only through nginx.',
      image: images.prefect,
      command: ['prefect', 'server', 'start'],
      restart: 'unless-stopped',
      environment: [
        // The default 127.0.0.1 would be unreachable from nginx.
        { key: 'PREFECT_SERVER_API_HOST', value: lit('0.0.0.0') },
        { key: 'PREFECT_SERVER_API_PORT', value: lit(String(PREFECT_PORT)) },
        // What the browser calls: the API through the proxy, on the UI host, behind SSO.
        { key: 'PREFECT_UI_API_URL', value: lit(urls.uiApi) },
        {
          key: 'PREFECT_SERVER_DATABASE_CONNECTION_URL',
          value: secret('POSTGRES_PASSWORD', 'postgresql+asyncpg://prefect:', `@postgres:5432/prefect`),
        },
        { key: 'PREFECT_SERVER_ANALYTICS_ENABLED', value: lit('false') },
      ],
      ports: [],
      volumes: [],
      networks: [{ name: BACKEND, aliases: [] }],
      dependsOn: [{ service: 'postgres', condition: 'service_healthy' }],
      healthcheck: healthcheck(
        ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${PREFECT_PORT}/api/health', timeout=4)`],
        '30s',
      ),
      listensOn: PREFECT_PORT,
    },
  ];
}
