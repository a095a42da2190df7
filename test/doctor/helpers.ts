/** In-memory stacks for doctor tests. */
import type { Check } from '../../src/doctor/checks/check.js';
import { loadStack } from '../../src/doctor/load/index.js';
import type { StackModel } from '../../src/doctor/load/model.js';
import { memoryTree } from '../../src/doctor/load/tree.js';
import type { Finding } from '../../src/doctor/types.js';

export type Files = Record<string, string | Buffer>;

export function load(files: Files): StackModel {
  return loadStack(memoryTree(files), '.');
}

/** Runs one check the way the runner does (skipped checks report nothing). */
export function run(check: Check, files: Files): Finding[] {
  const model = load(files);
  if (check.appliesTo && !check.appliesTo(model)) return [];
  return check.run(model);
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`"${needle}" is not in the fixture`);
}

/** Compact form for assertions: `severity id file:line`. */
export function brief(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.id} ${f.file ?? ''}${f.line ? `:${f.line}` : ''}`);
}

/** A minimal oauth2-proxy + Keycloak + nginx stack on *.localtest.me that doctor finds nothing wrong with. */
export const GOOD_COMPOSE = `services:
  nginx:
    image: nginx:1.28-alpine
    ports:
      - "127.0.0.1:8080:8080"
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
    networks:
      edge:
        aliases: [prefect.localtest.me, keycloak.localtest.me]
      backend: {}
  oauth2-proxy:
    image: quay.io/oauth2-proxy/oauth2-proxy:v7.15.3
    command: ["--config=/etc/oauth2-proxy.cfg"]
    environment:
      OAUTH2_PROXY_CLIENT_SECRET: \${CLIENT_SECRET:?set it}
      OAUTH2_PROXY_COOKIE_SECRET: \${COOKIE_SECRET:?set it}
    volumes:
      - ./oauth2-proxy.cfg:/etc/oauth2-proxy.cfg:ro
    networks: [edge]
  keycloak:
    image: quay.io/keycloak/keycloak:26.7.3
    command: start-dev --import-realm
    environment:
      KC_HOSTNAME: http://keycloak.localtest.me:8080
      KC_PROXY_HEADERS: xforwarded
      KC_HTTP_ENABLED: "true"
      KC_BOOTSTRAP_ADMIN_USERNAME: admin
      KC_BOOTSTRAP_ADMIN_PASSWORD: \${KC_ADMIN_PASSWORD:?set it}
    volumes:
      - keycloak-data:/opt/keycloak/data
    networks: [backend]
  prefect-server:
    image: prefecthq/prefect:3.8.3-python3.12
    command: prefect server start
    environment:
      PREFECT_SERVER_API_HOST: 0.0.0.0
      PREFECT_UI_API_URL: http://prefect.localtest.me:8080/api
      PREFECT_SERVER_DATABASE_CONNECTION_URL: postgresql+asyncpg://prefect:\${DB_PASSWORD:?set it}@postgres:5432/prefect
    networks: [backend]
  postgres:
    image: postgres:17-alpine
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD:?set it}
    networks: [backend]
networks:
  edge: {}
  backend:
    internal: true
volumes:
  keycloak-data: {}
`;

export const GOOD_CFG = `provider = "keycloak-oidc"
oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"
client_id = "prefect"
redirect_url = "http://prefect.localtest.me:8080/oauth2/callback"
code_challenge_method = "S256"
http_address = "0.0.0.0:4180"
reverse_proxy = true
email_domains = ["*"]
allowed_roles = ["prefect-user"]
cookie_secure = false
whitelist_domains = ["prefect.localtest.me:8080"]
upstreams = ["static://202"]
`;

export const GOOD_NGINX = `events {}
http {
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  client_max_body_size 16m;
  server {
    listen 8080;
    server_name prefect.localtest.me;
    location /oauth2/ {
      proxy_pass http://oauth2-proxy:4180;
    }
    location = /oauth2/auth {
      internal;
      proxy_pass http://oauth2-proxy:4180;
    }
    location @signin {
      return 302 /oauth2/start?rd=$request_uri;
    }
    location /api/ {
      auth_request /oauth2/auth;
      proxy_pass http://prefect-server:4200;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_buffering off;
    }
    location / {
      auth_request /oauth2/auth;
      error_page 401 = @signin;
      proxy_pass http://prefect-server:4200;
    }
  }
  server {
    listen 8080;
    server_name keycloak.localtest.me;
    location / {
      proxy_pass http://keycloak:8080;
    }
  }
}
`;

export const GOOD_ENV = `CLIENT_SECRET=client-secret-from-env
COOKIE_SECRET=${'a'.repeat(43)}
KC_ADMIN_PASSWORD=Zb4-long-random-admin-password
DB_PASSWORD=db-password-from-env
`;

export function goodStack(overrides: Files = {}): Files {
  return {
    'docker-compose.yml': GOOD_COMPOSE,
    'oauth2-proxy.cfg': GOOD_CFG,
    'nginx.conf': GOOD_NGINX,
    '.env': GOOD_ENV,
    ...overrides,
  };
}

/** Replaces one exact piece of a fixture (no `$` patterns), failing loudly when it is not there. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`"${from}" is not in the fixture`);
  return text.replace(from, () => to);
}
