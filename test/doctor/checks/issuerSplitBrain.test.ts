import { describe, expect, it } from 'vitest';
import { issuerFormat } from '../../../src/doctor/checks/issuerFormat.js';
import { issuerSplitBrain } from '../../../src/doctor/checks/issuerSplitBrain.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_COMPOSE, run } from '../helpers.js';

const issuer = (url: string) => edit(GOOD_CFG, 'http://keycloak.localtest.me:8080/realms/prefect', url);

describe('issuer-split-brain', () => {
  it('reports localhost in an issuer oauth2-proxy calls from its container', () => {
    const findings = run(issuerSplitBrain, goodStack({ 'oauth2-proxy.cfg': issuer('http://localhost:8080/realms/prefect') }));
    expect(brief(findings)).toEqual(['error issuer-split-brain oauth2-proxy.cfg:2']);
    expect(findings[0]!.message).toContain('inside the oauth2-proxy container is the container itself');
    expect(findings[0]!.fix).toContain('http://keycloak.localtest.me:8080/realms/prefect');
  });

  it('reports a *.localtest.me name no service has as an alias, and spells out the alias fix', () => {
    const compose = edit(GOOD_COMPOSE, 'aliases: [prefect.localtest.me, keycloak.localtest.me]', 'aliases: [prefect.localtest.me]');
    const findings = run(issuerSplitBrain, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual(['error issuer-split-brain oauth2-proxy.cfg:2']);
    expect(findings[0]!.fix).toBe('under services.nginx.networks add  edge: { aliases: ["keycloak.localtest.me"] }  so containers on edge reach the same service the browser reaches');
  });

  it('reports an alias on a network the caller does not join', () => {
    const compose = edit(GOOD_COMPOSE, 'aliases: [prefect.localtest.me, keycloak.localtest.me]\n      backend: {}', 'aliases: [prefect.localtest.me]\n      backend:\n        aliases: [keycloak.localtest.me]');
    const findings = run(issuerSplitBrain, goodStack({ 'docker-compose.yml': compose }));
    expect(findings[0]!.message).toBe('keycloak.localtest.me is an alias of nginx on network backend, which oauth2-proxy does not join');
  });

  it('warns about host.docker.internal without a host-gateway mapping, and accepts it with one', () => {
    const cfg = issuer('http://host.docker.internal:8080/realms/prefect');
    expect(brief(run(issuerSplitBrain, goodStack({ 'oauth2-proxy.cfg': cfg })))).toEqual(['warning issuer-split-brain oauth2-proxy.cfg:2']);
    const compose = edit(GOOD_COMPOSE, '    networks: [edge]\n', '    networks: [edge]\n    extra_hosts: ["host.docker.internal:host-gateway"]\n');
    expect(run(issuerSplitBrain, goodStack({ 'oauth2-proxy.cfg': cfg, 'docker-compose.yml': compose }))).toEqual([]);
  });

  it('reports a Docker service name as issuer when Keycloak has no fixed hostname (the browser cannot follow it)', () => {
    const compose = edit(edit(GOOD_COMPOSE, '      KC_HOSTNAME: http://keycloak.localtest.me:8080\n', ''), '    networks: [backend]\n  prefect-server', '    networks: [backend, edge]\n  prefect-server');
    const findings = run(issuerSplitBrain, goodStack({ 'docker-compose.yml': compose, 'oauth2-proxy.cfg': issuer('http://keycloak:8080/realms/prefect') }));
    expect(findings[0]!.message).toContain('which the browser cannot resolve');
  });

  it('reports a public port that the aliased service does not listen on inside Docker', () => {
    const compose = edit(GOOD_COMPOSE, '"127.0.0.1:8080:8080"', '"127.0.0.1:8080:80"');
    const findings = run(issuerSplitBrain, goodStack({ 'docker-compose.yml': compose }));
    expect(findings[0]!.message).toBe('oidc_issuer_url uses port 8080, which nginx publishes on the host but listens on 80 inside Docker');
  });

  it('passes a public name every side resolves to the same proxy', () => {
    expect(run(issuerSplitBrain, goodStack())).toEqual([]);
  });
});

describe('one bad issuer line, one finding, one fix', () => {
  it('a localhost issuer with a trailing slash: split-brain names both problems and its fix corrects both; issuer-format stays silent', () => {
    const cfg = edit(GOOD_CFG, 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"', 'oidc_issuer_url = "http://localhost:8080/realms/prefect/"');
    const files = goodStack({ 'oauth2-proxy.cfg': cfg });
    expect(run(issuerFormat, files)).toEqual([]);
    const findings = run(issuerSplitBrain, files);
    expect(brief(findings)).toEqual(['error issuer-split-brain oauth2-proxy.cfg:2']);
    expect(findings[0]!.message).toBe('oidc_issuer_url points at localhost, which inside the oauth2-proxy container is the container itself; and it ends with "/" but Keycloak\'s issuer does not');
    expect(findings[0]!.fix).toMatch(/^use a name that both resolve to the same service, e\.g\. http:\/\/keycloak\.localtest\.me:8080\/realms\/prefect \(already a network alias/);
  });

  it('issuer-format still reports a trailing slash on an issuer containers reach', () => {
    const cfg = edit(GOOD_CFG, 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"', 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect/"');
    expect(brief(run(issuerFormat, goodStack({ 'oauth2-proxy.cfg': cfg })))).toEqual(['error issuer-format oauth2-proxy.cfg:2']);
  });
});
