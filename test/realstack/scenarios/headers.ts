/**
 * What reaches Prefect through the proxy, seen by a stand-in that takes
 * Prefect's place for a moment (it records each request's headers; the real
 * Prefect cannot show them): identity and forwarded headers a client forges
 * never arrive, the proxy's own do (the public Host, the client's own
 * address), on the UI host for a signed-in person and on the machine host.
 * Before that, with the real Prefect: the sign-in returns to the page asked
 * for, query string whole, and the UI's answers carry the security headers.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { stack } from '../context.js';
import { launchBrowser } from '../helpers/browser.js';
import { basic, hostRequest } from '../helpers/host.js';
import { fillKeycloakSignIn } from '../helpers/signIn.js';

const FORGED = {
  'X-Forwarded-User': 'mallory',
  'X-Forwarded-Email': 'mallory@evil.example',
  'X-Auth-Request-User': 'mallory',
  'X-Forwarded-For': '203.0.113.9',
  'X-Real-IP': '203.0.113.9',
  'X-Forwarded-Host': 'evil.example',
};

function forgedIn(headers: IncomingHttpHeaders): string[] {
  return Object.entries(headers)
    .filter(([, value]) => /mallory|203\.0\.113\.9|evil\.example/.test(String(value)))
    .map(([name, value]) => `${name}: ${String(value)}`);
}

export function headerScenarios(): void {
  describe('headers: what the proxy lets reach Prefect, and what it adds', () => {
    let cookie = '';

    it('sign-in returns to the page asked for, query string whole; the UI answers carry the security headers', async () => {
      const s = stack();
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const wanted = `${s.ui}/flow-runs?a=1&b=two`;
        await page.goto(wanted);
        await fillKeycloakSignIn(page, 'demo', s.secrets.KEYCLOAK_DEMO_PASSWORD!);
        await page.waitForURL((url) => url.origin === s.ui && !url.pathname.startsWith('/oauth2/'), { timeout: 60_000 });
        expect(page.url()).toBe(wanted);
        cookie = (await page.context().cookies(s.ui)).map((c) => `${c.name}=${c.value}`).join('; ');
      } finally {
        await browser.close();
      }
      const answer = await hostRequest(`${s.ui}/api/health`, { headers: { cookie } });
      expect(answer.status).toBe(200);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(answer.headers['referrer-policy']).toBe('same-origin');
      expect(answer.headers['content-security-policy']).toContain(`connect-src 'self' ${s.ui.replace(/^http/, 'ws')}`);
      const machine = await hostRequest(`${s.api}/health`);
      expect(machine.headers['x-content-type-options']).toBe('nosniff');
    }, 120_000);

    it('forged identity and forwarded headers never reach Prefect, on either host; the public Host does', async () => {
      const s = stack();
      expect(cookie).not.toBe('');
      const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
      const address = s.run.address('prefect-server');
      await s.run.kill('prefect-server');
      let standIn: Server | undefined;
      try {
        standIn = createServer((req, res) => {
          seen.push({ path: req.url ?? '', headers: req.headers });
          res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
        });
        await new Promise<void>((resolve) => standIn!.listen(4200, address, resolve));
        const people = await hostRequest(`${s.ui}/api/flows/filter`, { method: 'POST', headers: { ...FORGED, cookie, 'content-type': 'application/json' }, body: '{}' });
        expect(people.status).toBe(200);
        const machines = await hostRequest(`${s.api}/flows/filter`, {
          method: 'POST',
          headers: { ...FORGED, authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!), 'content-type': 'application/json' },
          body: '{}',
        });
        expect(machines.status).toBe(200);
        expect(seen.map((r) => r.path)).toEqual(['/api/flows/filter', '/api/flows/filter']);
        const [person, machine] = seen;
        expect(forgedIn(person!.headers)).toEqual([]);
        expect(forgedIn(machine!.headers)).toEqual([]);
        // The proxy's own: the public name and port, the client's own address.
        expect(person!.headers.host).toBe('prefect.localtest.me:8080');
        expect(machine!.headers.host).toBe('prefect-api.localtest.me:8080');
        expect(String(person!.headers['x-forwarded-for'])).toMatch(/^127\./);
        // The signed-in person, from oauth2-proxy's answer (nginx and Caddy rename it; Traefik keeps its name).
        expect(person!.headers['x-forwarded-user'] ?? person!.headers['x-auth-request-user']).toBeDefined();
        expect(machine!.headers['x-forwarded-user']).toBeUndefined();
      } finally {
        await new Promise((resolve) => (standIn ? standIn.close(resolve) : resolve(undefined)));
        await s.run.start('prefect-server');
        const deadline = Date.now() + 60_000;
        while ((await hostRequest(`${s.api}/health`)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      }
    }, 180_000);
  });
}
