/**
 * Credentials around the proxy: a literal token in nginx, Caddy or Traefik
 * files (and the same in a git-ignored file, where it belongs), a basic-auth
 * gate whose clients forget the header on WebSocket handshakes, and
 * guessable passwords in Prefect's auth string and in htpasswd files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proxyApiSocketCredential } from '../../../src/doctor/checks/proxyApiSocketCredential.js';
import { secretsGuessable } from '../../../src/doctor/checks/secretsGuessable.js';
import { secretsInline } from '../../../src/doctor/checks/secretsInline.js';
import { needTools } from '../../helpers/tools.js';
import { brief, edit, goodStack, GOOD_COMPOSE, GOOD_NGINX, lineOf, run } from '../helpers.js';

const API = '      proxy_buffering off;\n';
const TOKEN = 'Bearer 9f8e7d6c5b4a39281706';

describe('secrets-inline in proxy files', () => {
  it('reports an Authorization header nginx adds, and a token an if compares with', () => {
    const nginx = edit(GOOD_NGINX, API, `${API}      proxy_set_header Authorization "Basic d29ya2VyOnMzY3JldC1wYXNzd29yZA==";\n      if ($http_authorization != "${TOKEN}") { return 401; }\n`);
    const findings = run(secretsInline, goodStack({ 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([
      `warning secrets-inline nginx.conf:${lineOf(nginx, 'proxy_set_header Authorization')}`,
      `warning secrets-inline nginx.conf:${lineOf(nginx, 'if ($http_authorization')}`,
    ]);
    expect(findings.map((f) => `${f.message} ${f.why} ${f.fix}`).join(' ')).not.toContain('d29ya2Vy');
    expect(findings[0]!.fix).toContain('include secrets/api-auth.conf;');
  });

  it('passes the same header in a file the folder git-ignores, and one taken from a variable', () => {
    const header = 'proxy_set_header Authorization "Basic d29ya2VyOnMzY3JldC1wYXNzd29yZA==";\n';
    expect(run(secretsInline, goodStack({ 'proxy/prefect-auth.conf': header, '.gitignore': '/.env\n/proxy/prefect-auth.conf\n' }))).toEqual([]);
    expect(run(secretsInline, goodStack({ 'nginx.conf': edit(GOOD_NGINX, API, `${API}      proxy_set_header Authorization $http_authorization;\n`) }))).toEqual([]);
  });

  it("reports Caddy's header_up with a literal token, not {$TOKEN} or a matcher pattern", () => {
    const caddy = `prefect.example.com {\n\t@token header Authorization "Bearer *"\n\treverse_proxy prefect-server:4200 {\n\t\theader_up Authorization "${TOKEN}"\n\t}\n}\n`;
    const compose = 'services:\n  caddy:\n    image: caddy:2.11.4-alpine\n    volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]\n';
    expect(brief(run(secretsInline, { 'docker-compose.yml': compose, Caddyfile: caddy }))).toEqual([`warning secrets-inline Caddyfile:${lineOf(caddy, 'header_up')}`]);
    expect(run(secretsInline, { 'docker-compose.yml': compose, Caddyfile: caddy.replace(`"${TOKEN}"`, '"Bearer {$PREFECT_TOKEN}"') })).toEqual([]);
  });

  it("reports a Traefik headers middleware with a literal Authorization, not a templated one", () => {
    const dynamic = (value: string) => `http:\n  middlewares:\n    auth-header:\n      headers:\n        customRequestHeaders:\n          Authorization: "${value}"\n`;
    const compose = 'services:\n  traefik:\n    image: traefik:v3.7.9\n    volumes: ["./traefik.yml:/etc/traefik/traefik.yml:ro", "./dynamic.yml:/etc/traefik/dynamic.yml:ro"]\n';
    const staticFile = 'providers:\n  file:\n    filename: /etc/traefik/dynamic.yml\n';
    const literal = dynamic(TOKEN);
    expect(brief(run(secretsInline, { 'docker-compose.yml': compose, 'traefik.yml': staticFile, 'dynamic.yml': literal }))).toEqual([`warning secrets-inline dynamic.yml:${lineOf(literal, 'Authorization:')}`]);
    expect(run(secretsInline, { 'docker-compose.yml': compose, 'traefik.yml': staticFile, 'dynamic.yml': dynamic('Bearer {{ env "PREFECT_TOKEN" }}') })).toEqual([]);
  });
});

/** The good stack plus a machine host behind basic auth and a client profile for it. */
function machineStack(profile: string) {
  const nginx = edit(
    GOOD_NGINX,
    '  server {\n    listen 8080;\n    server_name keycloak.localtest.me;',
    `  server {\n    listen 8080;\n    server_name prefect-api.localtest.me;\n    location /api/ {\n      auth_basic "Prefect API";\n      auth_basic_user_file /etc/nginx/htpasswd;\n      proxy_pass http://prefect-server:4200;\n    }\n  }\n  server {\n    listen 8080;\n    server_name keycloak.localtest.me;`,
  );
  return goodStack({ 'nginx.conf': nginx, 'prefect/profiles.toml': profile });
}
const PROFILE = `active = "worker"\n[profiles.worker]\nPREFECT_API_URL = "http://prefect-api.localtest.me:8080/api"\nPREFECT_API_AUTH_STRING = "worker:kMS4ydD5UFcw3oo0twbmPifdEDb5vJcIIKjpOK4"\n`;

describe('proxy-api-socket-credential', () => {
  it('reports a client with an auth string and no Authorization in PREFECT_CLIENT_CUSTOM_HEADERS behind a basic-auth gate', () => {
    const findings = run(proxyApiSocketCredential, machineStack(PROFILE));
    expect(brief(findings)).toEqual([`error proxy-api-socket-credential prefect/profiles.toml:${lineOf(PROFILE, 'PREFECT_API_AUTH_STRING')}`]);
    expect(findings[0]!.fix).toBe('PREFECT_CLIENT_CUSTOM_HEADERS = "{\\"Authorization\\": \\"Basic <base64 of the auth string>\\"}"   (Prefect 3.4.8 or newer)');
  });

  it('passes the client that sends the header, and a client whose credential CI provides', () => {
    const sends = `${PROFILE}PREFECT_CLIENT_CUSTOM_HEADERS = "{\\"Authorization\\": \\"Basic d29ya2VyOmtNUzR5ZEQ1\\"}"\n`;
    expect(run(proxyApiSocketCredential, machineStack(sends))).toEqual([]);
    const fromCi = PROFILE.replace(/PREFECT_API_AUTH_STRING.*\n/, '');
    expect(run(proxyApiSocketCredential, machineStack(fromCi))).toEqual([]);
  });
});

describe('secrets-guessable', () => {
  it("reports admin:admin as Prefect's auth string, without printing it", () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', '      PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_SERVER_API_AUTH_STRING: ${PREFECT_AUTH:?set it}\n');
    const env = `${goodStack()['.env']}PREFECT_AUTH=admin:admin\n`;
    const findings = run(secretsGuessable, goodStack({ 'docker-compose.yml': compose, '.env': env }));
    expect(brief(findings)).toEqual([`error secrets-guessable .env:${lineOf(env, 'PREFECT_AUTH')}`]);
    expect(findings[0]!.message).toBe('PREFECT_SERVER_API_AUTH_STRING of service prefect-server is guessable: the password is the user name');
    expect(JSON.stringify(findings)).not.toContain('admin:admin');
  });

  it('warns about a short password, and passes a long random one', () => {
    const profile = (value: string) => `[profiles.ci]\nPREFECT_API_URL = "http://prefect-api.localtest.me:8080/api"\nPREFECT_API_AUTH_STRING = "${value}"\n`;
    expect(brief(run(secretsGuessable, goodStack({ 'prefect/profiles.toml': profile('ci:Xk4-q9') })))).toEqual(['warning secrets-guessable prefect/profiles.toml:3']);
    expect(run(secretsGuessable, goodStack({ 'prefect/profiles.toml': profile('ci:kMS4ydD5UFcw3oo0twbmPifdEDb5vJc') }))).toEqual([]);
  });

  it('finds admin:admin, password and an empty password behind apr1 and {SHA} hashes in htpasswd, not a random one', () => {
    // openssl passwd -apr1 -salt abcdefgh admin; {SHA} of "password".
    const htpasswd = 'admin:$apr1$abcdefgh$mMZnMi5KMcUTRCidnJ3Px0\nci:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\nworker:{SHA}2jmj7l5rSw0yVb/vlWAYkK/YBwk=\n';
    expect(brief(run(secretsGuessable, goodStack({ 'proxy/htpasswd': htpasswd })))).toEqual(['error secrets-guessable proxy/htpasswd:1', 'error secrets-guessable proxy/htpasswd:2', 'error secrets-guessable proxy/htpasswd:3']);
    expect(run(secretsGuessable, goodStack({ 'proxy/htpasswd': 'ci:{SHA}' + createHash('sha1').update('kMS4ydD5UFcw3oo0twbmPifdEDb5vJc').digest('base64') + '\n' }))).toEqual([]);
  });

  it('finds admin:admin in a Traefik basicAuth label (the $ doubled for compose)', () => {
    const compose = 'services:\n  traefik:\n    image: traefik:v3.7.9\n    labels:\n      - "traefik.http.middlewares.auth.basicauth.users=admin:$$apr1$$abcdefgh$$mMZnMi5KMcUTRCidnJ3Px0"\n';
    expect(brief(run(secretsGuessable, { 'docker-compose.yml': compose }))).toEqual([`error secrets-guessable docker-compose.yml:${lineOf(compose, 'basicauth.users')}`]);
  });
});

const htpasswdTool = needTools('htpasswd');

htpasswdTool.describe("secrets-guessable on entries written by Apache's own htpasswd", () => {
  const entry = (flag: string, user: string, password: string) => execFileSync(htpasswdTool.path('htpasswd'), [flag, user, password], { encoding: 'utf8' }).trim();

  it('finds admin:admin (MD5-crypt, htpasswd -m) and worker:password (SHA, -s), not a random password', () => {
    const file = `${entry('-nbm', 'admin', 'admin')}\n${entry('-nbs', 'worker', 'password')}\n${entry('-nbm', 'ci', 'kMS4ydD5UFcw3oo0twbmPifdEDb5vJc')}\n`;
    expect(brief(run(secretsGuessable, goodStack({ 'proxy/htpasswd': file })))).toEqual(['error secrets-guessable proxy/htpasswd:1', 'error secrets-guessable proxy/htpasswd:2']);
  });
});
