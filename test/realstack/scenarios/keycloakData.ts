/**
 * Keycloak keeps its data in its volume. A person added in the admin console
 * is still there after keycloak is recreated; rotated Keycloak secrets reach
 * it through the steps rotate prints (run as printed, before the recreate),
 * after which the demo user signs in with the new password in a real browser;
 * and a spec change to the realm file reaches the running realm through the
 * step render prints. Runs after the other scenarios: it changes the stack.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsIn, stack } from '../context.js';
import { launchBrowser } from '../helpers/browser.js';
import { addUser, adminSignIn, adminToken, getClient, updateClient, userExists } from '../helpers/keycloakAdmin.js';
import { runPrintedExec } from '../helpers/printedExec.js';
import { runCli } from '../../helpers/cli.js';
import { rotate } from './rotation.js';

const REALM = 'prefect';

export function keycloakDataScenarios(): void {
  describe('Keycloak keeps its data: people survive re-creation, rotated secrets and realm changes reach it as printed', () => {
    it('a person added in the admin console is still there after keycloak is recreated', async () => {
      const s = stack();
      const user = `kept-${randomBytes(3).toString('hex')}`;
      await addUser(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), REALM, user, randomBytes(18).toString('base64url'));
      await s.run.recreate('keycloak');
      expect(await userExists(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), REALM, user)).toBe(true);
    }, 240_000);

    it('rotate client-secret demo-password keycloak-admin: the printed steps, then the recreate; the demo user signs in with the new password', async () => {
      const s = stack();
      const before = { ...s.secrets };
      const report = await rotate(s.dir, ['client-secret', 'demo-password', 'keycloak-admin']);
      expect(report.restart.sort()).toEqual(['keycloak', 'oauth2-proxy']);
      const steps = report.followUps.filter((step) => step.when === 'before');
      expect(steps.map((step) => step.command?.split('|')[0]!.trim())).toEqual([
        "sed -n 's/^OAUTH2_PROXY_CLIENT_SECRET=//p' .env",
        "sed -n 's/^KEYCLOAK_DEMO_PASSWORD=//p' .env",
        // The admin's password last: the other steps sign in with the old one.
        "sed -n 's/^KEYCLOAK_ADMIN_PASSWORD=//p' .env",
      ]);
      for (const step of steps) {
        const exec = await runPrintedExec(s.run, s.dir, step.command!);
        expect(exec.code, exec.output).toBe(0);
        expect(exec.service).toBe('keycloak');
        // The new value travels on standard input, never in an argument.
        expect(exec.argv.join(' ')).not.toContain(exec.input.toString().trim());
      }
      for (const service of report.restart) await s.run.recreate(service);
      Object.assign(s.secrets, secretsIn(s.dir));
      expect(s.secrets.KEYCLOAK_ADMIN_PASSWORD).not.toBe(before.KEYCLOAK_ADMIN_PASSWORD);
      expect(await adminSignIn(before.KEYCLOAK_ADMIN_PASSWORD!)).toBe('invalid_grant');
      expect(await adminSignIn(s.secrets.KEYCLOAK_ADMIN_PASSWORD!)).toBe('ok');
      const client = await getClient(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), REALM, 'prefect');
      expect(client.secret === s.secrets.OAUTH2_PROXY_CLIENT_SECRET).toBe(true);

      // oauth2-proxy redeems the code with the new client secret; Keycloak takes the new demo password.
      const browser = await launchBrowser();
      try {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${s.ui}/dashboard`);
        await page.fill('#username', 'demo');
        await page.fill('#password', s.secrets.KEYCLOAK_DEMO_PASSWORD!);
        await page.click('#kc-login');
        await page.waitForURL(`${s.ui}/dashboard`);
        await page.getByText('Flow Runs').first().waitFor();
      } finally {
        await browser.close();
      }
    }, 300_000);

    it('a spec change to the realm file: render prints the client step, which sets the running realm from the file', async () => {
      const s = stack();
      const token = await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!);
      const expected = await getClient(token, REALM, 'prefect');
      // A Keycloak whose realm was imported for other addresses (as after a change of hosts.ui).
      await updateClient(token, REALM, expected, {
        redirectUris: ['http://stale.localtest.me:8080/oauth2/callback'],
        webOrigins: ['http://stale.localtest.me:8080'],
        attributes: { ...expected.attributes, 'post.logout.redirect.uris': 'http://stale.localtest.me:8080/*' },
      });

      const specPath = join(s.dir, 'prefect-secure.yaml');
      writeFileSync(specPath, readFileSync(specPath, 'utf8').replace('    - prefect-user\n', '    - prefect-user\n    - prefect-admin\n'));
      const rendered = await runCli(['render', '--json'], { cwd: s.dir });
      expect(rendered.code, rendered.stderr).toBe(0);
      const report = JSON.parse(rendered.stdout) as { restart: string[]; followUps: { when: string; command?: string }[] };
      expect(report.restart).toContain('keycloak');
      expect(report.followUps).toHaveLength(1);
      for (const service of report.restart) await s.run.recreate(service);
      const exec = await runPrintedExec(s.run, s.dir, report.followUps[0]!.command!);
      expect(exec.code, exec.output).toBe(0);

      const now = await getClient(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), REALM, 'prefect');
      expect(now.redirectUris).toEqual(expected.redirectUris);
      expect(now.webOrigins).toEqual(expected.webOrigins);
      expect(now.attributes['post.logout.redirect.uris']).toBe(expected.attributes['post.logout.redirect.uris']);
      // Everything else the client had is kept: PKCE, and the secret oauth2-proxy uses.
      expect(now.attributes['pkce.code.challenge.method']).toBe('S256');
      expect(now.secret === s.secrets.OAUTH2_PROXY_CLIENT_SECRET).toBe(true);
    }, 300_000);
  });
}
