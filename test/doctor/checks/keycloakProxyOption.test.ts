import { describe, expect, it } from 'vitest';
import { keycloakProxyOption } from '../../../src/doctor/checks/keycloakProxyOption.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('keycloak-proxy-option', () => {
  it('reports KC_PROXY on Keycloak 26 and --proxy=edge in the command', () => {
    const env = edit(GOOD_COMPOSE, '      KC_PROXY_HEADERS: xforwarded\n', '      KC_PROXY: edge\n');
    expect(brief(run(keycloakProxyOption, goodStack({ 'docker-compose.yml': env })))).toEqual([`error keycloak-proxy-option docker-compose.yml:${lineOf(env, 'KC_PROXY:')}`]);
    const flag = edit(GOOD_COMPOSE, 'start-dev --import-realm', 'start-dev --proxy=edge');
    expect(brief(run(keycloakProxyOption, goodStack({ 'docker-compose.yml': flag })))).toEqual([`error keycloak-proxy-option docker-compose.yml:${lineOf(flag, 'start-dev --proxy')}`]);
  });

  it('only warns on Keycloak 25, where it is deprecated', () => {
    const compose = edit(edit(GOOD_COMPOSE, '      KC_PROXY_HEADERS: xforwarded\n', '      KC_PROXY: edge\n'), 'keycloak:26.7.3', 'keycloak:25.0.6');
    expect(run(keycloakProxyOption, goodStack({ 'docker-compose.yml': compose }))[0]!.severity).toBe('warning');
  });

  it('passes KC_PROXY_HEADERS', () => {
    expect(run(keycloakProxyOption, goodStack())).toEqual([]);
  });
});
