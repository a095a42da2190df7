/**
 * A person whose role is taken away while signed in is refused at oauth2-proxy's next session
 * re-check (cookie_refresh), not when the cookie expires. The re-check comes a minute after sign-in:
 * the role is taken away early in the suite and the refusal is looked for after the scenarios in
 * between, which touch neither oauth2-proxy nor Keycloak, so the minute is spent on them.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { stack } from '../context.js';
import { launchBrowser } from '../helpers/browser.js';
import { addUser, adminToken, setRealmRole } from '../helpers/keycloakAdmin.js';
import { fillKeycloakSignIn } from '../helpers/signIn.js';

interface Leaver {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** oauth2-proxy's cookie_refresh, in ms. */
  interval: number;
  removed: number;
}

const apiStatus = (page: Page) =>
  page.evaluate(async () => (await fetch('/api/flows/filter', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);

/** Two parts to place apart: `takeAway` before scenarios that leave oauth2-proxy and Keycloak alone, `refused` after them. */
export function roleRemovalScenarios(): { takeAway: () => void; refused: () => void } {
  let leaver: Leaver | undefined;
  return {
    takeAway: () =>
      describe('a signed-in person whose role is taken away', () => {
        it('uses the API until the role is taken away in Keycloak', async () => {
          const s = stack();
          const cfg = readFileSync(join(s.dir, 'oauth2-proxy', 'oauth2-proxy.cfg'), 'utf8');
          const recheck = /^cookie_refresh = "(\d+)m"$/m.exec(cfg);
          expect(recheck, 'oauth2-proxy.cfg sets cookie_refresh in minutes').not.toBeNull();
          const role = /^allowed_roles = \["([^"]+)"/m.exec(cfg)![1]!;
          const user = `leaver-${randomBytes(3).toString('hex')}`;
          const password = randomBytes(18).toString('base64url');
          await addUser(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), 'prefect', user, password);
          await setRealmRole(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), 'prefect', user, role, true);

          const browser = await launchBrowser();
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(`${s.ui}/dashboard`);
          await fillKeycloakSignIn(page, user, password);
          await page.waitForURL(`${s.ui}/dashboard`);
          expect(await apiStatus(page)).toBe(200);

          await setRealmRole(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), 'prefect', user, role, false);
          leaver = { browser, context, page, interval: Number(recheck![1]) * 60_000, removed: Date.now() };
          // The session was checked at sign-in: until the re-check it still carries the role.
          expect(await apiStatus(page)).toBe(200);
        }, 120_000);
      }),
    refused: () =>
      describe('a signed-in person whose role is taken away', () => {
        afterAll(async () => {
          await leaver?.browser.close();
        });

        it('is refused within the session re-check interval, not when the cookie expires', async () => {
          expect(leaver, 'the person signed in and lost the role (the test above)').toBeDefined();
          const { page, interval, removed } = leaver!;
          let status = await apiStatus(page);
          while (status === 200 && Date.now() - removed < interval + 30_000) {
            await new Promise((r) => setTimeout(r, 2000));
            status = await apiStatus(page);
          }
          // oauth2-proxy drops the session whose refreshed roles no longer fit (401: the page is sent to sign in again,
          // where the person is refused with 403, as one who never had the role).
          expect([401, 403]).toContain(status);
          expect(Date.now() - removed).toBeLessThan(interval + 30_000);
        }, 180_000);
      }),
  };
}
