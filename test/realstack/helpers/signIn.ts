/**
 * What the tests of a stack of its own do with a real browser and the real
 * client: a member signs in at a Keycloak (outside the stack or bundled in it) and reaches the UI
 * (every API call the UI makes through the gate answered), and a flow with a
 * task runs with a generated profile from the stack folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Browser, Cookie, Page } from 'playwright-core';
import { expect } from 'vitest';
import { COMPONENTS } from '../components.js';
import { artifactPath } from './artifacts.js';
import { profileEnv } from './prefectCli.js';

/** Keycloak's sign-in form. */
export async function fillKeycloakSignIn(page: Page, user: string, password: string): Promise<void> {
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#kc-login');
}

/**
 * Opens `start`, expects the sign-in page of `realm` at `sso`, signs in and
 * waits for the dashboard of `ui`; returns the cookies the UI host set.
 */
export async function signInAtKeycloak(
  browser: Browser,
  options: { start: string; ui: string; sso: string; realm: string; user: string; password: string; screenshot: string },
): Promise<Cookie[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const api: number[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) api.push(r.status());
  });
  await page.goto(options.start);
  expect(page.url().startsWith(`${options.sso}/realms/${options.realm}/protocol/openid-connect/auth?`), page.url()).toBe(true);
  await fillKeycloakSignIn(page, options.user, options.password);
  await page.waitForURL(`${options.ui}/dashboard`);
  // The dashboard, drawn from what it asked the API through the gate: empty, or with runs.
  await page.getByText('Run a task or flow to get started').or(page.getByText('Flow Runs')).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: artifactPath(options.screenshot) });
  expect(api.length).toBeGreaterThan(0);
  expect(api.filter((status) => status >= 400)).toEqual([]);
  const cookies = await context.cookies(options.ui);
  await context.close();
  return cookies;
}

/** Someone the provider signs in without the allowed groups or roles: oauth2-proxy answers the callback 403. */
export async function refusedAtCallback(browser: Browser, options: { ui: string; user: string; password: string }): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${options.ui}/dashboard`);
  const callback = page.waitForResponse((r) => r.url().startsWith(`${options.ui}/oauth2/callback`));
  await fillKeycloakSignIn(page, options.user, options.password);
  expect((await callback).status()).toBe(403);
  await context.close();
}

/** A flow with a task, run by the real Python client with `user`'s generated profile, in the stack folder; it must print "result 42". */
export async function runFlowWithProfile(dir: string, user: string): Promise<void> {
  const flows = mkdtempSync(join(tmpdir(), 'prefect-secure-flow-'));
  writeFileSync(
    join(flows, 'flow.py'),
    'from prefect import flow, task\n\n@task\ndef double(x):\n    return 2 * x\n\n@flow\ndef through_the_gate():\n    return double(21)\n\nif __name__ == "__main__":\n    print("result", through_the_gate())\n',
  );
  const python = await execa(COMPONENTS.python, [join(flows, 'flow.py')], {
    cwd: dir,
    env: { ...profileEnv(dir, user), PATH: '/usr/bin:/bin', HOME: flows, PREFECT_HOME: join(flows, '.prefect'), DO_NOT_TRACK: '1' },
    extendEnv: false,
    reject: false,
    timeout: 120_000,
  });
  expect(python.exitCode, `${python.stdout}\n${python.stderr}`).toBe(0);
  expect(python.stdout).toContain('result 42');
}
