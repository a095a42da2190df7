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
