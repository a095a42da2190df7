import { describe, expect, it } from 'vitest';
import { keycloakHostname } from '../../../src/doctor/checks/keycloakHostname.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('keycloak-hostname', () => {
  it('reports KEYCLOAK_HOSTNAME, a scheme-less hostname with a path, and removed v1 options', () => {
    let compose = edit(GOOD_COMPOSE, '      KC_HOSTNAME: http://keycloak.localtest.me:8080\n', '      KEYCLOAK_HOSTNAME: keycloak.example.com\n      KC_HOSTNAME: keycloak.example.com/auth\n      KC_HOSTNAME_PORT: "8443"\n');
    compose = edit(compose, 'keycloak:26.7.3', 'keycloak:25.0');
    const findings = run(keycloakHostname, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([
      `error keycloak-hostname docker-compose.yml:${lineOf(compose, 'KEYCLOAK_HOSTNAME')}`,
      `error keycloak-hostname docker-compose.yml:${lineOf(compose, 'KC_HOSTNAME: keycloak')}`,
      `error keycloak-hostname docker-compose.yml:${lineOf(compose, 'KC_HOSTNAME_PORT')}`,
    ]);
  });

  it('allows hostname v1 options on Keycloak 24, and a --hostname flag with a full URL', () => {
    const v24 = edit(edit(GOOD_COMPOSE, 'keycloak:26.7.3', 'keycloak:24.0.5'), '      KC_PROXY_HEADERS', '      KC_HOSTNAME_PORT: "8443"\n      KC_PROXY_HEADERS');
    expect(run(keycloakHostname, goodStack({ 'docker-compose.yml': v24 }))).toEqual([]);
    const flag = edit(edit(GOOD_COMPOSE, '      KC_HOSTNAME: http://keycloak.localtest.me:8080\n', ''), 'start-dev --import-realm', 'start-dev --hostname=https://auth.example.com/auth');
    expect(run(keycloakHostname, goodStack({ 'docker-compose.yml': flag }))).toEqual([]);
  });

  it('passes KC_HOSTNAME with a full URL', () => {
    expect(run(keycloakHostname, goodStack())).toEqual([]);
  });
});
