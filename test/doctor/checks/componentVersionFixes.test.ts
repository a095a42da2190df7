/**
 * Components pinned below a security fix the stack relies on: each row of
 * the table on a stack that uses the affected feature, the same version on
 * one that does not, floating tags, and prefect-secure's own pins.
 */
import { describe, expect, it } from 'vitest';
import { componentVersionFixes, HOLES, isFixed } from '../../../src/doctor/checks/componentVersionFixes.js';
import { KEYCLOAK_IMAGE } from '../../../src/components/identity/keycloak/facts.js';
import { CADDY_VERSION } from '../../../src/components/proxy/caddy/facts.js';
import { OAUTH2_PROXY_IMAGE } from '../../../src/components/sso/oauth2Proxy/facts.js';
import { DEFAULT_PREFECT_VERSION } from '../../../src/config/schema.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

const keycloakAt = (tag: string) => edit(GOOD_COMPOSE, 'quay.io/keycloak/keycloak:26.7.3', `quay.io/keycloak/keycloak:${tag}`);

describe('component-version-fixes', () => {
  it('reports Keycloak before the reset-credentials fix of its line, naming the fixed release and the source', () => {
    const compose = keycloakAt('26.6.0');
    const findings = run(componentVersionFixes, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error component-version-fixes docker-compose.yml:${lineOf(compose, 'keycloak:26.6.0')}`]);
    expect(findings[0]!.message).toContain('CVE-2026-18963');
    expect(findings[0]!.why).toContain('https://github.com/keycloak/keycloak/issues/51833');
    expect(findings[0]!.fix).toBe('image: quay.io/keycloak/keycloak:26.7.2  (or newer; also fixed in 26.4.15, 26.6.6)');
  });

  it('passes the backported fix and a floating tag whose line has it; reports a line without one', () => {
    expect(run(componentVersionFixes, goodStack({ 'docker-compose.yml': keycloakAt('26.6.6') }))).toEqual([]);
    expect(run(componentVersionFixes, goodStack({ 'docker-compose.yml': keycloakAt('26.6') }))).toEqual([]);
    expect(brief(run(componentVersionFixes, goodStack({ 'docker-compose.yml': keycloakAt('26.5') })))).toHaveLength(1);
    expect(run(componentVersionFixes, goodStack({ 'docker-compose.yml': keycloakAt('latest') }))).toEqual([]);
  });

  it('makes Keycloak a warning when every imported realm keeps "Forgot password?" off', () => {
    const compose = edit(keycloakAt('26.6.0'), '      - keycloak-data:/opt/keycloak/data\n', '      - keycloak-data:/opt/keycloak/data\n      - ./realm.json:/opt/keycloak/data/import/realm.json:ro\n');
    const realm = JSON.stringify({ realm: 'prefect', resetPasswordAllowed: false, clients: [] });
    expect(brief(run(componentVersionFixes, goodStack({ 'docker-compose.yml': compose, 'realm.json': realm })))).toEqual([`warning component-version-fixes docker-compose.yml:${lineOf(compose, 'keycloak:26.6.0')}`]);
    const open = JSON.stringify({ realm: 'prefect', resetPasswordAllowed: true, clients: [] });
    expect(brief(run(componentVersionFixes, goodStack({ 'docker-compose.yml': compose, 'realm.json': open })))).toEqual([`error component-version-fixes docker-compose.yml:${lineOf(compose, 'keycloak:26.6.0')}`]);
  });

  it('reports Prefect before 3.6.22 only when its API relies on the auth string', () => {
    const old = edit(keycloakAt('26.7.3'), 'prefecthq/prefect:3.8.3-python3.12', 'prefecthq/prefect:3.6.21-python3.12');
    expect(run(componentVersionFixes, goodStack({ 'docker-compose.yml': old }))).toEqual([]);
    const guarded = edit(old, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', '      PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_SERVER_API_AUTH_STRING: ${PREFECT_AUTH:?set it}\n');
    const findings = run(componentVersionFixes, goodStack({ 'docker-compose.yml': guarded, '.env': `${goodStack()['.env']}PREFECT_AUTH=ci:kMS4ydD5UFcw3oo0twbmPifdEDb5vJc\n` }));
    expect(brief(findings)).toEqual([`error component-version-fixes docker-compose.yml:${lineOf(guarded, 'prefect:3.6.21')}`]);
    expect(findings[0]!.fix).toBe('image: prefecthq/prefect:3.6.22-python3.12  (or newer)');
  });

  it('reports oauth2-proxy before 7.15.2 only with reverse_proxy and skip_auth_routes', () => {
    const old = edit(GOOD_COMPOSE, 'oauth2-proxy:v7.15.3', 'oauth2-proxy:v7.14.0');
    expect(run(componentVersionFixes, goodStack({ 'docker-compose.yml': old }))).toEqual([]);
    const skips = `${GOOD_CFG}skip_auth_routes = ["GET=^/api/health$"]\n`;
    expect(brief(run(componentVersionFixes, goodStack({ 'docker-compose.yml': old, 'oauth2-proxy.cfg': skips })))).toEqual([`error component-version-fixes docker-compose.yml:${lineOf(old, 'v7.14.0')}`]);
  });

  it('reports Caddy before 2.11.2 only where forward_auth copies identity headers', () => {
    const caddy = (copy: string) => `prefect.example.com {\n\tforward_auth oauth2-proxy:4180 {\n\t\turi /oauth2/auth\n${copy}\t}\n\treverse_proxy prefect-server:4200\n}\n`;
    const compose = 'services:\n  caddy:\n    image: caddy:2.10.2-alpine\n    volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]\n';
    expect(brief(run(componentVersionFixes, { 'docker-compose.yml': compose, Caddyfile: caddy('\t\tcopy_headers X-Auth-Request-Email\n') }))).toEqual([`error component-version-fixes docker-compose.yml:${lineOf(compose, 'caddy:2.10.2')}`]);
    expect(run(componentVersionFixes, { 'docker-compose.yml': compose, Caddyfile: caddy('') })).toEqual([]);
  });

  it("passes prefect-secure's own pins, whatever the stack uses", () => {
    const fixedIn = (component: string) => HOLES.find((h) => h.component === component)!.fixedIn;
    const version = (text: string) => text.replace(/^.*:/, '').replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number) as [number, number, number];
    expect(isFixed(version(KEYCLOAK_IMAGE), fixedIn('Keycloak'))).toBe(true);
    expect(isFixed(version(OAUTH2_PROXY_IMAGE), fixedIn('oauth2-proxy'))).toBe(true);
    expect(isFixed(version(CADDY_VERSION), fixedIn('Caddy'))).toBe(true);
    expect(isFixed(version(DEFAULT_PREFECT_VERSION), fixedIn('Prefect'))).toBe(true);
    expect(isFixed([26, 7, 1], fixedIn('Keycloak'))).toBe(false);
  });
});
