import { describe, expect, it } from 'vitest';
import { keycloakDefaultAdmin } from '../../../src/doctor/checks/keycloakDefaultAdmin.js';
import { brief, edit, goodStack, GOOD_COMPOSE, GOOD_ENV, lineOf, run } from '../helpers.js';

describe('keycloak-default-admin', () => {
  it('reports admin/admin at the .env line the password comes from, without printing it', () => {
    const env = edit(GOOD_ENV, 'KC_ADMIN_PASSWORD=Zb4-long-random-admin-password', 'KC_ADMIN_PASSWORD=admin');
    const findings = run(keycloakDefaultAdmin, goodStack({ '.env': env }));
    expect(brief(findings)).toEqual([`error keycloak-default-admin .env:${lineOf(env, 'KC_ADMIN_PASSWORD')}`]);
    expect(findings[0]!.message).toBe('KC_BOOTSTRAP_ADMIN_PASSWORD of keycloak (from KC_ADMIN_PASSWORD) is a well-known default password');
  });

  it('reports an inline default at the compose line', () => {
    const compose = edit(GOOD_COMPOSE, 'KC_BOOTSTRAP_ADMIN_PASSWORD: ${KC_ADMIN_PASSWORD:?set it}', 'KC_BOOTSTRAP_ADMIN_PASSWORD: changeme');
    expect(brief(run(keycloakDefaultAdmin, goodStack({ 'docker-compose.yml': compose })))).toEqual([`error keycloak-default-admin docker-compose.yml:${lineOf(compose, 'changeme')}`]);
  });

  it('passes a random password', () => {
    expect(run(keycloakDefaultAdmin, goodStack())).toEqual([]);
  });
});
