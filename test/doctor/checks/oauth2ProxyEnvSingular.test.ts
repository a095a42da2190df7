import { describe, expect, it } from 'vitest';
import { oauth2ProxyEnvSingular } from '../../../src/doctor/checks/oauth2ProxyEnvSingular.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('oauth2-proxy-env-singular', () => {
  it('reports singular list names oauth2-proxy silently ignores', () => {
    const compose = edit(GOOD_COMPOSE, '      OAUTH2_PROXY_CLIENT_SECRET', '      OAUTH2_PROXY_EMAIL_DOMAIN: "*"\n      OAUTH2_PROXY_WHITELIST_DOMAIN: .example.com\n      OAUTH2_PROXY_CLIENT_SECRET');
    const findings = run(oauth2ProxyEnvSingular, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([
      `error oauth2-proxy-env-singular docker-compose.yml:${lineOf(compose, 'OAUTH2_PROXY_EMAIL_DOMAIN')}`,
      `error oauth2-proxy-env-singular docker-compose.yml:${lineOf(compose, 'OAUTH2_PROXY_WHITELIST_DOMAIN')}`,
    ]);
    expect(findings[0]!.message).toBe('OAUTH2_PROXY_EMAIL_DOMAIN is not an oauth2-proxy variable; it reads OAUTH2_PROXY_EMAIL_DOMAINS');
  });

  it('only warns when the plural name is set too', () => {
    const compose = edit(GOOD_COMPOSE, '      OAUTH2_PROXY_CLIENT_SECRET', '      OAUTH2_PROXY_UPSTREAM: static://202\n      OAUTH2_PROXY_UPSTREAMS: static://202\n      OAUTH2_PROXY_CLIENT_SECRET');
    expect(brief(run(oauth2ProxyEnvSingular, goodStack({ 'docker-compose.yml': compose })))).toEqual([`warning oauth2-proxy-env-singular docker-compose.yml:${lineOf(compose, 'OAUTH2_PROXY_UPSTREAM:')}`]);
  });

  it('passes the plural names, and SKIP_AUTH_REGEX which is not plural', () => {
    const compose = edit(GOOD_COMPOSE, '      OAUTH2_PROXY_CLIENT_SECRET', '      OAUTH2_PROXY_EMAIL_DOMAINS: example.com\n      OAUTH2_PROXY_SKIP_AUTH_REGEX: ^/ping$$\n      OAUTH2_PROXY_CLIENT_SECRET');
    expect(run(oauth2ProxyEnvSingular, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});
