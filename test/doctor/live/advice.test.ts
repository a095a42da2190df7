/** What doctor --live says when a name does not resolve. */
import { describe, expect, it } from 'vitest';
import { adviseNetworkFailure } from '../../../src/doctor/live/advice.js';

const failure = (url: string) => ({ kind: 'failure' as const, url, failure: 'dns' as const, code: 'ENOTFOUND', detail: 'getaddrinfo ENOTFOUND', elapsedMs: 3 });

describe('advice for a name that does not resolve', () => {
  it('a *.localtest.me name: public DNS is missing here, so the hosts-file line, never "use a *.localtest.me name"', () => {
    const advice = adviseNetworkFailure(failure('http://keycloak.localtest.me:8080/realms/prefect'), 'issuer', 5000);
    expect(advice.message).toContain('keycloak.localtest.me does not resolve here');
    expect(advice.why).toContain('drops private answers');
    expect(advice.fix).toBe(`Add "127.0.0.1 keycloak.localtest.me" (with the stack's other *.localtest.me names) to /etc/hosts on this computer; nothing else needs DNS.`);
    expect(advice.fix).not.toContain('a *.localtest.me name');
  });

  it('any other name: a name both sides resolve', () => {
    const advice = adviseNetworkFailure(failure('http://keycloak:8080/realms/prefect'), 'issuer', 5000);
    expect(advice.fix).toContain('a *.localtest.me name (resolves to 127.0.0.1)');
  });
});

describe('advice for a TLS handshake the server refuses (alert 80)', () => {
  it('says the server has no certificate for the name, and where to look (the acme service), never the private-CA fix', () => {
    // What the real nginx answers before lego has the first certificate (test/realstack/acmeTarget.test.ts saw it).
    const advice = adviseNetworkFailure(
      { kind: 'failure', url: 'https://prefect.example.com/oauth2/start', failure: 'tls', code: 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR', detail: 'tlsv1 alert internal error', elapsedMs: 3 },
      'oauth2-proxy',
      5000,
    );
    expect(advice.message).toBe('TLS to prefect.example.com:443 failed (ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR): the server has no certificate it can load for prefect.example.com.');
    expect(advice.fix).toContain('docker compose logs acme');
    expect(advice.fix).not.toContain('provider-ca-file');
  });
});
