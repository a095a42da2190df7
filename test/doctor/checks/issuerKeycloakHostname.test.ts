import { describe, expect, it } from 'vitest';
import { issuerFormat } from '../../../src/doctor/checks/issuerFormat.js';
import { issuerKeycloakHostname } from '../../../src/doctor/checks/issuerKeycloakHostname.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('issuer-keycloak-hostname', () => {
  it('reports an issuer that differs from KC_HOSTNAME, naming each differing part', () => {
    const cfg = edit(GOOD_CFG, 'http://keycloak.localtest.me:8080/realms/prefect', 'https://keycloak.localtest.me/realms/prefect');
    const findings = run(issuerKeycloakHostname, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['error issuer-keycloak-hostname oauth2-proxy.cfg:2']);
    expect(findings[0]!.message).toContain('scheme https where http is expected');
    expect(findings[0]!.message).toContain('port 443 where 8080 is expected');
    expect(findings[0]!.message).toContain(`KC_HOSTNAME at docker-compose.yml:${lineOf(GOOD_COMPOSE, 'KC_HOSTNAME')}`);
    expect(findings[0]!.fix).toBe('oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"');
  });

  it('reports a realm the bundled Keycloak does not import', () => {
    const compose = edit(GOOD_COMPOSE, '      - keycloak-data:/opt/keycloak/data\n', '      - keycloak-data:/opt/keycloak/data\n      - ./realm:/opt/keycloak/data/import:ro\n');
    const realm = JSON.stringify({ realm: 'prefect', clients: [] });
    const cfg = edit(GOOD_CFG, '/realms/prefect', '/realms/prefekt');
    const findings = run(issuerKeycloakHostname, goodStack({ 'docker-compose.yml': compose, 'oauth2-proxy.cfg': cfg, 'realm/prefect-realm.json': realm }));
    expect(findings.map((f) => f.message)).toContainEqual(expect.stringContaining('names realm "prefekt", but the bundled Keycloak imports "prefect"'));
  });

  it('warns when Keycloak sets no KC_HOSTNAME, at the Keycloak service', () => {
    const compose = edit(GOOD_COMPOSE, '      KC_HOSTNAME: http://keycloak.localtest.me:8080\n', '');
    const findings = run(issuerKeycloakHostname, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`warning issuer-keycloak-hostname docker-compose.yml:${lineOf(compose, '  keycloak:')}`]);
    expect(findings[0]!.fix).toBe('KC_HOSTNAME: "http://keycloak.localtest.me:8080"');
  });

  it('compares only the host when KC_HOSTNAME is a bare hostname', () => {
    const compose = edit(GOOD_COMPOSE, 'KC_HOSTNAME: http://keycloak.localtest.me:8080', 'KC_HOSTNAME: keycloak.localtest.me');
    expect(run(issuerKeycloakHostname, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });

  it('passes the issuer Keycloak advertises', () => {
    expect(run(issuerKeycloakHostname, goodStack())).toEqual([]);
  });
});

describe('one bad issuer line, one finding: a trailing slash on the bundled Keycloak issuer', () => {
  it('is issuer-format\'s finding alone; issuer-keycloak-hostname, whose fix would be the same line, stays silent', () => {
    const cfg = edit(GOOD_CFG, 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"', 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect/"');
    const files = goodStack({ 'oauth2-proxy.cfg': cfg });
    expect(run(issuerKeycloakHostname, files)).toEqual([]);
    expect(run(issuerFormat, files).map((f) => f.fix)).toEqual(['oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"']);
  });
});
