import { describe, expect, it } from 'vitest';
import { oauth2ProxyInsecure } from '../../../src/doctor/checks/oauth2ProxyInsecure.js';
import { brief, edit, goodStack, GOOD_COMPOSE, GOOD_CFG, lineOf, run } from '../helpers.js';

describe('oauth2-proxy-insecure', () => {
  it('reports insecure flags from the command line, the environment and the config', () => {
    const compose = edit(GOOD_COMPOSE, 'command: ["--config=/etc/oauth2-proxy.cfg"]', 'command: ["--config=/etc/oauth2-proxy.cfg", "--ssl-insecure-skip-verify"]');
    const withEnv = edit(compose, '      OAUTH2_PROXY_CLIENT_SECRET', '      OAUTH2_PROXY_INSECURE_OIDC_SKIP_ISSUER_VERIFICATION: "true"\n      OAUTH2_PROXY_CLIENT_SECRET');
    const cfg = `${GOOD_CFG}skip_auth_regex = [".*"]\ntrusted_ips = ["0.0.0.0/0"]\n`;
    const findings = run(oauth2ProxyInsecure, goodStack({ 'docker-compose.yml': withEnv, 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual([
      `error oauth2-proxy-insecure docker-compose.yml:${lineOf(withEnv, 'INSECURE_OIDC_SKIP_ISSUER')}`,
      `warning oauth2-proxy-insecure docker-compose.yml:${lineOf(withEnv, '--ssl-insecure-skip-verify')}`,
      'error oauth2-proxy-insecure oauth2-proxy.cfg:13',
      'error oauth2-proxy-insecure oauth2-proxy.cfg:14',
    ]);
  });

  it('passes explicit false values and narrow skip rules', () => {
    const cfg = `${GOOD_CFG}ssl_insecure_skip_verify = false\nskip_auth_routes = ["GET=^/api/health$"]\n`;
    expect(run(oauth2ProxyInsecure, goodStack({ 'oauth2-proxy.cfg': cfg }))).toEqual([]);
  });
});
