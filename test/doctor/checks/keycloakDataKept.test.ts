import { describe, expect, it } from 'vitest';
import { keycloakDataKept } from '../../../src/doctor/checks/keycloakDataKept.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

const withoutVolume = edit(GOOD_COMPOSE, '    volumes:\n      - keycloak-data:/opt/keycloak/data\n', '');

describe('keycloak-data-kept', () => {
  it('warns when start-dev keeps its embedded database inside the container, at the command', () => {
    const findings = run(keycloakDataKept, goodStack({ 'docker-compose.yml': withoutVolume }));
    expect(brief(findings)).toEqual([`warning keycloak-data-kept docker-compose.yml:${lineOf(withoutVolume, 'command: start-dev')}`]);
    expect(findings[0]!.fix).toContain('- keycloak-data:/opt/keycloak/data');
  });

  it('passes a volume at /opt/keycloak/data (or above it), and a real database', () => {
    expect(run(keycloakDataKept, goodStack())).toEqual([]);
    const above = edit(GOOD_COMPOSE, 'keycloak-data:/opt/keycloak/data', 'keycloak-home:/opt/keycloak');
    expect(run(keycloakDataKept, goodStack({ 'docker-compose.yml': above }))).toEqual([]);
    const database = edit(withoutVolume, '      KC_PROXY_HEADERS: xforwarded\n', '      KC_PROXY_HEADERS: xforwarded\n      KC_DB: postgres\n');
    expect(run(keycloakDataKept, goodStack({ 'docker-compose.yml': database }))).toEqual([]);
  });

  it('warns for KC_DB=dev-file in production mode too', () => {
    const devFile = edit(edit(withoutVolume, 'command: start-dev --import-realm', 'command: start --import-realm'), '      KC_PROXY_HEADERS: xforwarded\n', '      KC_PROXY_HEADERS: xforwarded\n      KC_DB: dev-file\n');
    expect(run(keycloakDataKept, goodStack({ 'docker-compose.yml': devFile })).map((f) => f.id)).toEqual(['keycloak-data-kept']);
  });
});
