/**
 * The bundled Keycloak on the server target, with the real software:
 * production mode (`start`, built for PostgreSQL at its first start) with its
 * own PostgreSQL, behind nginx on https with certificates of a test CA. Its
 * admin console is not on the issuer's host but on a loopback-only port of the
 * proxy; a person added there signs in with a real Chromium, and is still
 * there after its database password is rotated as `rotate` prints it and
 * Keycloak is recreated (the data is in its database).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testCa, type TestCa } from '../helpers/tls.js';
import { describeRealStack, secretsIn } from './context.js';
import { launchBrowser } from './helpers/browser.js';
import { hostRequest } from './helpers/host.js';
import { runPrintedExec } from './helpers/printedExec.js';
import { putCertificates } from './helpers/serverFiles.js';
import { signInAtKeycloak } from './helpers/signIn.js';
import { upStack, type StackRun } from './runner/stack.js';

const UI_HOST = 'prefect.example.test';
const API_HOST = 'prefect-api.example.test';
const IDP_HOST = 'keycloak.example.test';
const UI = `https://${UI_HOST}`;
const ADMIN = 'http://localhost:9080';
const PERSON = { username: 'grace', password: randomBytes(12).toString('base64url') };

/** A person signs in at the bundled Keycloak (its issuer host) and reaches the dashboard. */
async function signInAs(browser: Browser, username: string, password: string, screenshot: string): Promise<void> {
  await signInAtKeycloak(browser, { start: `${UI}/dashboard`, ui: UI, sso: `https://${IDP_HOST}`, realm: 'prefect', user: username, password, screenshot });
}

async function adminToken(password: string): Promise<string> {
  const res = await hostRequest(`${ADMIN}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password }).toString(),
  });
  expect(res.status, res.body).toBe(200);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

async function admin(token: string, path: string, method = 'GET', body?: unknown) {
  const res = await hostRequest(`${ADMIN}/admin/realms/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}: ${res.body}`).toBeLessThan(300);
  return res.body ? JSON.parse(res.body) : undefined;
}

function httpsStatus(url: string, ca: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port: 443, path: target.pathname, servername: target.hostname, headers: { host: target.host }, ca }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on('error', reject);
  });
}

describeRealStack('the bundled Keycloak on the server target: production mode with its own database, with the real software', () => {
  let ca: TestCa;
  let dir: string;
  let run: StackRun | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ca = testCa();
    const root = mkdtempSync(join(tmpdir(), 'prefect-secure-server-kc-'));
    chmodSync(root, 0o755);
    const rendered = await runCli(
      ['init', '--yes', '--target', 'server', '--ui-host', UI_HOST, '--machine-host', API_HOST, '--idp-host', IDP_HOST, '--set', 'hosts.bind=127.0.0.1', '--set', 'tls.ca=tls/ca.pem'],
      { cwd: root, env: { CI: 'true' } },
    );
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    dir = join(root, 'prefect-stack');
    // The files NEXT_STEPS asks for, where it asks for them, and the key's permissions by the command it prints.
    await putCertificates(dir, ca, [UI_HOST, API_HOST, IDP_HOST]);
    run = await upStack(dir, { runDir: join(root, 'run') });
    browser = await launchBrowser(new Map([[UI_HOST, '127.0.0.1'], [API_HOST, '127.0.0.1'], [IDP_HOST, '127.0.0.1']]), { caFile: ca.caFile });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await run?.down();
  }, 120_000);

  it('runs Keycloak in production mode on its own database, with no demo user', () => {
    const compose = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/- "start"\n\s+- "--import-realm"/);
    expect(compose).toContain('KC_DB: "postgres"');
    expect(run!.logOf('keycloak')).toMatch(/Keycloak [\d.]+ on JVM .* started/);
    expect(readFileSync(join(dir, 'keycloak', 'prefect-realm.json'), 'utf8')).not.toContain('KEYCLOAK_DEMO_PASSWORD');
  });

  it('serves no admin console on the issuer host; the loopback-only admin port does', async () => {
    expect(await httpsStatus(`https://${IDP_HOST}/admin/`, ca.ca)).toBe(404);
    expect(await httpsStatus(`https://${IDP_HOST}/realms/master/`, ca.ca)).toBe(404);
    expect((await hostRequest(`${ADMIN}/admin/`)).status).toBeLessThan(400);
  });

  it('a person added in the admin console signs in with a real browser', async () => {
    const token = await adminToken(secretsIn(dir).KEYCLOAK_ADMIN_PASSWORD!);
    await admin(token, 'prefect/users', 'POST', {
      username: PERSON.username,
      enabled: true,
      email: `${PERSON.username}@example.test`,
      emailVerified: true,
      firstName: 'Grace',
      lastName: 'Hopper',
      credentials: [{ type: 'password', value: PERSON.password, temporary: false }],
    });
    const [user] = (await admin(token, `prefect/users?exact=true&username=${PERSON.username}`)) as { id: string }[];
    const role = await admin(token, 'prefect/roles/prefect-user');
    await admin(token, `prefect/users/${user!.id}/role-mappings/realm`, 'POST', [role]);

    await signInAs(browser!, PERSON.username, PERSON.password, 'server-keycloak-signed-in.png');
  }, 240_000);

  it("rotate keycloak-db-password, followed as printed: Keycloak is recreated on the new password, and the person added before is still there (its data is in its database)", async () => {
    const rotated = await runCli(['rotate', 'keycloak-db-password', '--json'], { cwd: dir });
    expect(rotated.code, rotated.stderr).toBe(0);
    const report = JSON.parse(rotated.stdout) as { restart: string[]; followUps: { when: string; command?: string; then?: string }[] };
    expect(report.restart.sort()).toEqual(['keycloak', 'keycloak-db']);
    const [step] = report.followUps;
    expect(step?.when).toBe('after');
    expect(step?.then).toBe('docker compose up -d --force-recreate keycloak');
    // "once keycloak-db is recreated": the same volume, the new environment; then the printed command as it is.
    await run!.recreate('keycloak-db');
    const exec = await runPrintedExec(run!, dir, step!.command!);
    expect(exec.code, exec.output).toBe(0);
    expect(exec.output).toContain('ALTER ROLE');
    // "then": Keycloak connects with the new password, and its data is all there.
    await run!.recreate('keycloak');
    await signInAs(browser!, PERSON.username, PERSON.password, 'server-keycloak-after-db-rotation.png');
  }, 300_000);

  it('doctor --live reports nothing on the running stack', async () => {
    const result = await runCli(['doctor', dir, '--live', '--json'], { env: { CI: 'true', NODE_EXTRA_CA_CERTS: ca.caFile } });
    const report = JSON.parse(result.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
  }, 120_000);
});
