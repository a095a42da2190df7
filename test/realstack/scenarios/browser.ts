/**
 * People: a real Chromium signs in at Keycloak through the published port,
 * lands on the Prefect UI, uses its API and WebSockets through the gate, and
 * signs out. A person without the allowed role is refused before Prefect.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../context.js';
import { artifactPath } from '../helpers/artifacts.js';
import { launchBrowser } from '../helpers/browser.js';
import { fillKeycloakSignIn } from '../helpers/signIn.js';
import { addUser, adminToken } from '../helpers/keycloakAdmin.js';

export function browserScenarios(): void {
  describe('people: browser sign-in through oauth2-proxy and Keycloak', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('signs in as the demo user, uses the UI and its API, and signs out', async () => {
      const s = stack();
      const context = await browser.newContext();
      const page = await context.newPage();
      const api: { status: number; url: string }[] = [];
      const keycloakCookies: string[] = [];
      // The UI host's Content-Security-Policy must let the whole UI work: the browser reports each refusal on the console.
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      let policy: string | null = null;
      page.on('response', async (r) => {
        if (r.url() === `${s.ui}/dashboard` && r.status() === 200) policy = await r.headerValue('content-security-policy').catch(() => null);
        if (new URL(r.url()).pathname.startsWith('/api/')) api.push({ status: r.status(), url: r.url() });
        if (r.url().startsWith(s.issuer)) {
          const cookie = await r.headerValue('set-cookie').catch(() => null);
          if (cookie) keycloakCookies.push(...cookie.split('\n'));
        }
      });

      await page.goto(`${s.ui}/dashboard`);
      expect(page.url().startsWith(`${s.issuer}/protocol/openid-connect/auth?`), page.url()).toBe(true);
      await page.screenshot({ path: artifactPath('1-keycloak-login.png') });

      await fillKeycloakSignIn(page, 'demo', s.secrets.KEYCLOAK_DEMO_PASSWORD!);
      await page.waitForURL(`${s.ui}/dashboard`);
      await page.getByText('Flow Runs').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: artifactPath('2-prefect-ui-signed-in.png') });
      expect(policy).toContain("default-src 'self'");

      // Over plain http Keycloak must not mark its cookies Secure, or the browser drops them and sign-in loops.
      const identity = keycloakCookies.find((c) => c.startsWith('KEYCLOAK_IDENTITY='));
      expect(identity, keycloakCookies.join('\n')).toBeDefined();
      expect(identity!.toLowerCase()).not.toContain('secure');
      // The UI's own API calls went through the gate and were answered by Prefect.
      expect(api.length).toBeGreaterThan(5);
      expect(api.filter((r) => r.status >= 400), JSON.stringify(api)).toEqual([]);

      // A WebSocket from the signed-in page: the session cookie carries it through auth_request.
      const opened = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(url);
            ws.onopen = () => {
              ws.close();
              resolve('open');
            };
            ws.onerror = () => resolve('error');
          }),
        `${s.ui.replace('http', 'ws')}/api/events/out`,
      );
      expect(opened).toBe('open');
      expect(refused, refused.join('\n')).toEqual([]);

      // The sign-out link NEXT_STEPS.md gives ends the oauth2-proxy session and the Keycloak session:
      // the next page asks for the password again.
      const signOut = /^\| Sign out[^|]*\| <([^>]+)> \|$/m.exec(readFileSync(join(s.dir, 'NEXT_STEPS.md'), 'utf8'))?.[1];
      expect(signOut, 'NEXT_STEPS.md lists the sign-out URL').toBe(`${s.ui}/oauth2/sign_out`);
      await page.goto(signOut!);
      await page.goto(`${s.ui}/runs`);
      expect(page.url().startsWith(`${s.issuer}/protocol/openid-connect/auth?`), page.url()).toBe(true);
      await expect(page.locator('#password').count()).resolves.toBe(1);
      await context.close();
    }, 120_000);

    it('a person without the allowed role is refused by oauth2-proxy, and nothing of theirs reaches Prefect', async () => {
      const s = stack();
      const user = `norole-${randomBytes(3).toString('hex')}`;
      const password = randomBytes(18).toString('base64url');
      await addUser(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), 'prefect', user, password);

      const agent = `prefect-secure-test/${user}`;
      const context = await browser.newContext({ userAgent: agent });
      const page = await context.newPage();
      await page.goto(`${s.ui}/dashboard`);
      const callback = page.waitForResponse((r) => r.url().startsWith(`${s.ui}/oauth2/callback`));
      await fillKeycloakSignIn(page, user, password);
      const refused = await callback.catch(async (error: Error) => {
        await page.screenshot({ path: artifactPath('3-no-role-failure.png') });
        throw new Error(`${error.message} (at ${page.url()})`);
      });
      expect(refused.status()).toBe(403);
      await page.waitForLoadState('load');
      expect(await page.content()).toMatch(/Forbidden|permission/i);
      await page.screenshot({ path: artifactPath('3-no-role-refused.png') });
      await page.goto(`${s.ui}/dashboard`);
      await context.close();

      // Every request of theirs that was not oauth2-proxy's own ended at the gate (302 to sign-in), none at Prefect.
      const theirs = s.access().filter((entry) => entry.agent === agent);
      // (Keycloak's own pages are told apart by their paths.)
      const gated = theirs.filter((entry) => !/^\/(oauth2|realms|resources)\//.test(entry.uri));
      expect(gated.length).toBeGreaterThan(0);
      for (const entry of gated) expect(entry.status, `${entry.method} ${entry.uri}`).toBe(302);
    }, 120_000);
  });
}
