/**
 * What the gate refuses, and what is reachable from the host at all.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { stack } from '../context.js';
import { basic, hostRequest } from '../helpers/host.js';

const UPGRADE = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };

function reachable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, address);
    socket.setTimeout(2000);
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export function refusalScenarios(): void {
  describe('refusals: no credential, no entry', () => {
    it('an unauthenticated browser request is sent to sign-in', async () => {
      const res = await hostRequest(`${stack().ui}/runs?tab=flow-runs&x=1`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(/^http:\/\/keycloak\.localtest\.me:8080\/realms\/prefect\/protocol\/openid-connect\/auth\?/);
    });

    it('unauthenticated API calls get 401 on both hosts, and a wrong machine password too', async () => {
      const s = stack();
      const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
      expect((await hostRequest(`${s.ui}/api/flows/filter`, post)).status).toBe(401);
      expect((await hostRequest(`${s.api}/flows/filter`, post)).status).toBe(401);
      const wrong = await hostRequest(`${s.api}/flows/filter`, { ...post, headers: { ...post.headers, authorization: basic('ci', 'not-the-password') } });
      expect(wrong.status).toBe(401);
      const right = await hostRequest(`${s.api}/flows/filter`, { ...post, headers: { ...post.headers, authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!) } });
      expect(right.status).toBe(200);
    });

    it('a WebSocket upgrade without credentials is refused on both hosts', async () => {
      const s = stack();
      for (const url of [`${s.ui}/api/events/out`, `${s.api}/events/out`, `${s.api}/logs/out`]) {
        expect((await hostRequest(url, { headers: UPGRADE })).status, url).toBe(401);
      }
    });

    it('only the proxy is published: Prefect, PostgreSQL, oauth2-proxy and Keycloak are not reachable from the host address', async () => {
      expect(await reachable('127.0.0.1', 8080)).toBe(true);
      for (const port of [4200, 5432, 4180, 9000]) expect(await reachable('127.0.0.1', port), `127.0.0.1:${port}`).toBe(false);
      // The compose file publishes ports of the proxy service alone.
      const published = stack().run.project.services.filter((svc) => svc.ports.length > 0).map((svc) => svc.name);
      expect(published).toEqual([stack().proxy]);
    });

    it('the Prefect server (and nginx) run as the users compose names, not root', () => {
      const s = stack();
      // Caddy and Traefik run as their images' root: they write ACME certificates to a volume Docker creates root-owned.
      for (const name of s.proxy === 'nginx' ? ['nginx', 'prefect-server'] : ['prefect-server']) {
        const user = s.run.project.services.find((svc) => svc.name === name)!.user;
        expect(user, `docker-compose.yml gives ${name} a user`).toBeDefined();
        expect(user!.uid).not.toBe(0);
        const pid = s.run.services.get(name)!.process!.child.pid!;
        const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];
        expect(Number(uid), name).toBe(user!.uid);
      }
      // (The other scenarios use what they serve: the UI Prefect rewrote into /tmp, log batches nginx buffers there.)
    });

    it("Keycloak's admin console answers on its *.localhost admin host; its management port is not published", async () => {
      const console = await hostRequest('http://keycloak.localhost:8080/admin/master/console/');
      expect(console.status).toBe(200);
      expect(console.body).toContain('<title>');
      expect((await hostRequest('http://prefect-api.localtest.me:8080/admin/master/console/')).status).toBe(404);
      // The public issuer host serves the realm's sign-in, not the admin console, the admin API or the master realm.
      for (const path of ['/admin/master/console/', '/admin/realms/prefect/users', '/realms/master/.well-known/openid-configuration']) {
        expect((await hostRequest(`${stack().issuer.replace(/\/realms\/.*$/, '')}${path}`)).status, path).toBe(404);
      }
      expect((await hostRequest(`${stack().issuer}/.well-known/openid-configuration`)).status).toBe(200);
    });
  });
}
