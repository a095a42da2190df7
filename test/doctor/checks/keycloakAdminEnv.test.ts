import { describe, expect, it } from 'vitest';
import { keycloakAdminEnv } from '../../../src/doctor/checks/keycloakAdminEnv.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

const legacy = edit(GOOD_COMPOSE, '      KC_BOOTSTRAP_ADMIN_USERNAME: admin\n      KC_BOOTSTRAP_ADMIN_PASSWORD: ${KC_ADMIN_PASSWORD:?set it}\n', '      KEYCLOAK_ADMIN: admin\n      KEYCLOAK_ADMIN_PASSWORD: ${KC_ADMIN_PASSWORD:?set it}\n');

describe('keycloak-admin-env', () => {
  it('warns about KEYCLOAK_ADMIN/_PASSWORD on Keycloak 26', () => {
    const findings = run(keycloakAdminEnv, goodStack({ 'docker-compose.yml': legacy }));
    expect(brief(findings)).toEqual([
      `warning keycloak-admin-env docker-compose.yml:${lineOf(legacy, 'KEYCLOAK_ADMIN:')}`,
      `warning keycloak-admin-env docker-compose.yml:${lineOf(legacy, 'KEYCLOAK_ADMIN_PASSWORD')}`,
    ]);
    expect(findings[0]!.fix).toBe('rename it to KC_BOOTSTRAP_ADMIN_USERNAME');
  });

  it('reports the jboss-era KEYCLOAK_USER, which creates no admin', () => {
    const compose = edit(GOOD_COMPOSE, '      KC_BOOTSTRAP_ADMIN_USERNAME: admin\n', '      KEYCLOAK_USER: admin\n');
    expect(brief(run(keycloakAdminEnv, goodStack({ 'docker-compose.yml': compose })))).toEqual([`error keycloak-admin-env docker-compose.yml:${lineOf(compose, 'KEYCLOAK_USER')}`]);
  });

  it('passes KEYCLOAK_ADMIN on Keycloak 25 and KC_BOOTSTRAP_* on 26', () => {
    expect(run(keycloakAdminEnv, goodStack({ 'docker-compose.yml': edit(legacy, 'keycloak:26.7.3', 'keycloak:25.0.6') }))).toEqual([]);
    expect(run(keycloakAdminEnv, goodStack())).toEqual([]);
  });
});
