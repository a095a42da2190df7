import { describe, expect, it } from 'vitest';
import { keycloakStartDev } from '../../../src/doctor/checks/keycloakStartDev.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_COMPOSE, GOOD_NGINX, lineOf, run } from '../helpers.js';

describe('keycloak-start-dev', () => {
  it('reports start-dev on a stack served under a public domain', () => {
    const compose = edit(GOOD_COMPOSE, 'KC_HOSTNAME: http://keycloak.localtest.me:8080', 'KC_HOSTNAME: https://auth.example.com');
    const cfg = edit(GOOD_CFG, 'http://keycloak.localtest.me:8080/realms/prefect', 'https://auth.example.com/realms/prefect');
    const nginx = GOOD_NGINX.replaceAll('localtest.me', 'example.com');
    const findings = run(keycloakStartDev, goodStack({ 'docker-compose.yml': compose, 'oauth2-proxy.cfg': cfg, 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`error keycloak-start-dev docker-compose.yml:${lineOf(compose, 'start-dev')}`]);
  });

  it('passes start-dev on *.localtest.me, and when prefect-secure.yaml says target: local', () => {
    expect(run(keycloakStartDev, goodStack())).toEqual([]);
    const compose = edit(GOOD_COMPOSE, 'KC_HOSTNAME: http://keycloak.localtest.me:8080', 'KC_HOSTNAME: https://auth.example.com');
    expect(run(keycloakStartDev, goodStack({ 'docker-compose.yml': compose, 'prefect-secure.yaml': 'version: 1\ntarget: local\n' }))).toEqual([]);
  });
});
