/**
 * Prefect, the database and Redis published on the host: Prefect's own
 * compose example (no proxy, port 4200 open, Postgres and Redis published),
 * the same on loopback, with an auth string, and behind a proxy.
 */
import { describe, expect, it } from 'vitest';
import { exposurePrefectOpen } from '../../../src/doctor/checks/exposurePrefectOpen.js';
import { exposurePublishedBackend } from '../../../src/doctor/checks/exposurePublishedBackend.js';
import { exposurePublishedData } from '../../../src/doctor/checks/exposurePublishedData.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

/** The shape of Prefect's documentation compose: no proxy, everything published. */
const DOCS_COMPOSE = `services:
  postgres:
    image: postgres:17
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD:?set it}
    ports:
      - "5432:5432"
  redis:
    image: redis:7
    ports:
      - "127.0.0.1:6379:6379"
  prefect-server:
    image: prefecthq/prefect:3.8.3-python3.12
    command: prefect server start --host 0.0.0.0
    environment:
      PREFECT_SERVER_DATABASE_CONNECTION_URL: postgresql+asyncpg://prefect:\${DB_PASSWORD:?set it}@postgres:5432/prefect
    ports:
      - "4200:4200"
`;
const ENV = { '.env': 'DB_PASSWORD=db-password-from-env\n' };

describe('exposure-prefect-open', () => {
  it('reports Prefect published with no proxy and no auth string', () => {
    const findings = run(exposurePrefectOpen, { 'docker-compose.yml': DOCS_COMPOSE, ...ENV });
    expect(brief(findings)).toEqual([`error exposure-prefect-open docker-compose.yml:${lineOf(DOCS_COMPOSE, '"4200:4200"')}`]);
    expect(findings[0]!.message).toContain('with no credential');
  });

  it('warns on the loopback interface, and passes with the server auth string', () => {
    const loopback = edit(DOCS_COMPOSE, '"4200:4200"', '"127.0.0.1:4200:4200"');
    expect(brief(run(exposurePrefectOpen, { 'docker-compose.yml': loopback, ...ENV }))).toEqual([`warning exposure-prefect-open docker-compose.yml:${lineOf(loopback, '127.0.0.1:4200')}`]);
    const guarded = edit(DOCS_COMPOSE, '    environment:\n      PREFECT_SERVER_DATABASE', '    environment:\n      PREFECT_SERVER_API_AUTH_STRING: ${PREFECT_AUTH:?set it}\n      PREFECT_SERVER_DATABASE');
    expect(run(exposurePrefectOpen, { 'docker-compose.yml': guarded, '.env': 'DB_PASSWORD=x\nPREFECT_AUTH=admin:kMS4ydD5UFcw3oo0twbmPifdEDb5vJc\n' })).toEqual([]);
  });

  it('leaves a stack behind a proxy to the proxy checks', () => {
    expect(run(exposurePrefectOpen, goodStack())).toEqual([]);
  });
});

describe('exposure-published-data', () => {
  it('reports the database and Redis published, with no proxy at all', () => {
    expect(brief(run(exposurePublishedData, { 'docker-compose.yml': DOCS_COMPOSE, ...ENV }))).toEqual([
      `error exposure-published-data docker-compose.yml:${lineOf(DOCS_COMPOSE, '5432:5432')}`,
      `warning exposure-published-data docker-compose.yml:${lineOf(DOCS_COMPOSE, '6379:6379')}`,
    ]);
  });

  it('reports a published database behind a proxy once, here and not in exposure-published-backend', () => {
    const compose = edit(GOOD_COMPOSE, '    image: postgres:17-alpine\n', '    image: postgres:17-alpine\n    ports: ["5432:5432"]\n');
    expect(brief(run(exposurePublishedData, goodStack({ 'docker-compose.yml': compose })))).toEqual([`error exposure-published-data docker-compose.yml:${lineOf(compose, '5432:5432')}`]);
    expect(run(exposurePublishedBackend, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });

  it('passes a database nobody publishes', () => {
    expect(run(exposurePublishedData, goodStack())).toEqual([]);
  });
});

describe('exposure-published-backend: an identity provider the browser signs in at', () => {
  it('does not tell the user to unpublish Keycloak when the issuer is its published port', () => {
    let compose = edit(GOOD_COMPOSE, '    command: start-dev --import-realm\n', '    command: start-dev --import-realm\n    ports: ["8081:8080"]\n');
    compose = edit(compose, '      KC_HOSTNAME: http://keycloak.localtest.me:8080\n', '      KC_HOSTNAME: http://localhost:8081\n');
    const cfg = edit(GOOD_CFG, 'http://keycloak.localtest.me:8080/realms/prefect', 'http://localhost:8081/realms/prefect');
    // No proxy route to Keycloak: the browser goes to port 8081 itself.
    const nginx = goodStack()['nginx.conf']!.toString().replace(/  server \{\n    listen 8080;\n    server_name keycloak[\s\S]*?\n  \}\n/, '');
    const findings = run(exposurePublishedBackend, goodStack({ 'docker-compose.yml': compose, 'oauth2-proxy.cfg': cfg, 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`warning exposure-published-backend docker-compose.yml:${lineOf(compose, '8081:8080')}`]);
    expect(findings[0]!.message).toContain('cannot simply be unpublished');
    expect(findings[0]!.fix).toMatch(/^route a host name of the proxy to keycloak/);
  });

  it('still says to unpublish Keycloak when the proxy serves it', () => {
    const compose = edit(GOOD_COMPOSE, '    command: start-dev --import-realm\n', '    command: start-dev --import-realm\n    ports: ["8081:8080"]\n');
    const findings = run(exposurePublishedBackend, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error exposure-published-backend docker-compose.yml:${lineOf(compose, '8081:8080')}`]);
    expect(findings[0]!.fix).toMatch(/^delete this ports: entry/);
  });
});
