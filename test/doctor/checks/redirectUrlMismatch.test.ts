import { describe, expect, it } from 'vitest';
import { redirectUrlMismatch } from '../../../src/doctor/checks/redirectUrlMismatch.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_COMPOSE, run } from '../helpers.js';

const redirect = (url: string) => edit(GOOD_CFG, 'http://prefect.localtest.me:8080/oauth2/callback', url);

describe('redirect-url-mismatch', () => {
  it('reports a path that is not proxy_prefix + /callback', () => {
    const findings = run(redirectUrlMismatch, goodStack({ 'oauth2-proxy.cfg': redirect('http://prefect.localtest.me:8080/oauth/callback') }));
    expect(brief(findings)).toEqual(['error redirect-url-mismatch oauth2-proxy.cfg:4']);
    expect(findings[0]!.message).toContain('ends in /oauth/callback, but oauth2-proxy serves its callback at /oauth2/callback');
  });

  it('honours a custom proxy_prefix', () => {
    const cfg = `${redirect('http://prefect.localtest.me:8080/sso/callback')}proxy_prefix = "/sso"\n`;
    const nginx = 'http { server { listen 8080; server_name prefect.localtest.me; location /sso/ { proxy_pass http://oauth2-proxy:4180; } } }\n';
    expect(run(redirectUrlMismatch, goodStack({ 'oauth2-proxy.cfg': cfg, 'nginx.conf': nginx }))).toEqual([]);
  });

  it('reports a port other than the one the proxy publishes, pointing at the proxy line', () => {
    const findings = run(redirectUrlMismatch, goodStack({ 'oauth2-proxy.cfg': redirect('http://prefect.localtest.me:4180/oauth2/callback') }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('at http://prefect.localtest.me:8080 (nginx.conf:8): port 4180 where 8080 is expected');
    expect(findings[0]!.fix).toBe('redirect_url = "http://prefect.localtest.me:8080/oauth2/callback"');
  });

  it('reports a redirect URL the bundled realm does not register', () => {
    const compose = edit(GOOD_COMPOSE, '      - keycloak-data:/opt/keycloak/data\n', '      - keycloak-data:/opt/keycloak/data\n      - ./realm:/opt/keycloak/data/import:ro\n');
    const realm = JSON.stringify({ realm: 'prefect', clients: [{ clientId: 'prefect', redirectUris: ['http://prefect.localtest.me:9090/oauth2/callback'] }] }, null, 2);
    const findings = run(redirectUrlMismatch, goodStack({ 'docker-compose.yml': compose, 'realm/prefect-realm.json': realm }));
    expect(brief(findings)).toEqual(['error redirect-url-mismatch oauth2-proxy.cfg:4']);
    expect(findings[0]!.message).toContain('realm/prefect-realm.json (http://prefect.localtest.me:9090/oauth2/callback at line 7)');
  });

  it('finds the public origin behind Caddy too (automatic https on a named site)', () => {
    const compose = `services:
  caddy:
    image: caddy:2.8
    ports: ["443:443"]
    volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]
  oauth2-proxy:
    image: quay.io/oauth2-proxy/oauth2-proxy:v7.15.3
    command: --redirect-url=http://prefect.example.com/oauth2/callback --http-address=0.0.0.0:4180
`;
    const caddyfile = 'prefect.example.com {\n  handle /oauth2/* {\n    reverse_proxy oauth2-proxy:4180\n  }\n  reverse_proxy prefect:4200\n}\n';
    const findings = run(redirectUrlMismatch, { 'docker-compose.yml': compose, Caddyfile: caddyfile });
    expect(brief(findings)).toEqual(['error redirect-url-mismatch docker-compose.yml:8']);
    expect(findings[0]!.message).toContain('at https://prefect.example.com (Caddyfile:3): scheme http where https is expected; port 80 where 443 is expected');
  });

  it('passes the public callback URL', () => {
    expect(run(redirectUrlMismatch, goodStack())).toEqual([]);
  });
});
