/**
 * The compose networks, enforced by the runner (runner/networks.ts): the
 * stack works with each service reaching only its networks (every other
 * scenario runs so), and the separation the compose file promises holds —
 * Keycloak reaches neither Prefect's unauthenticated API nor its database,
 * Prefect does not reach Keycloak, oauth2-proxy reaches only the proxy.
 */
import { describe, expect, it } from 'vitest';
import { stack } from '../context.js';

export function networkScenarios(): void {
  describe('networks: each service reaches only the services on its networks', () => {
    it('the runner separates the networks the compose file declares', () => {
      const rules = stack().run.networkRules();
      expect(rules).not.toContain('NOT separated');
      expect(rules).toContain('reject');
    });

    // 'proxy' is the stack's proxy service (nginx, caddy or traefik).
    it.each([
      ['keycloak', 'prefect-server', 4200, false],
      ['keycloak', 'postgres', 5432, false],
      ['keycloak', 'proxy', 8080, true],
      ['prefect-server', 'keycloak', 8080, false],
      ['prefect-server', 'postgres', 5432, true],
      ['oauth2-proxy', 'prefect-server', 4200, false],
      ['oauth2-proxy', 'keycloak', 8080, false],
      ['oauth2-proxy', 'proxy', 8080, true],
      ['proxy', 'prefect-server', 4200, true],
      ['proxy', 'keycloak', 8080, true],
      ['proxy', 'oauth2-proxy', 4180, true],
    ] as const)('%s -> %s:%i opens: %s', async (from, to, port, opens) => {
      const s = stack();
      const name = (service: string) => (service === 'proxy' ? s.proxy : service);
      expect(await s.run.canConnect(name(from), s.run.address(name(to)), port)).toBe(opens);
    });
  });
}
