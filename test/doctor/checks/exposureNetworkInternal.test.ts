import { describe, expect, it } from 'vitest';
import { exposureNetworkInternal } from '../../../src/doctor/checks/exposureNetworkInternal.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('exposure-network-internal', () => {
  it('reports backend services on a network that is not internal', () => {
    const compose = edit(GOOD_COMPOSE, '  backend:\n    internal: true\n', '  backend: {}\n');
    const findings = run(exposureNetworkInternal, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([
      `warning exposure-network-internal docker-compose.yml:${lineOf(compose, 'networks: [backend]', 2)}`,
      `warning exposure-network-internal docker-compose.yml:${lineOf(compose, 'networks: [backend]', 3)}`,
    ]);
  });

  it('reports services left on the default network', () => {
    const compose = edit(GOOD_COMPOSE, '      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}\n    networks: [backend]\n', '      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}\n');
    const findings = run(exposureNetworkInternal, goodStack({ 'docker-compose.yml': compose }));
    expect(findings[0]!.message).toBe('postgres is only on network default, which is not internal');
  });

  it('passes backends on an internal network', () => {
    expect(run(exposureNetworkInternal, goodStack())).toEqual([]);
  });
});
