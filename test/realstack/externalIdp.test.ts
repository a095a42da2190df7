/**
 * A stack that signs people in at the team's own identity provider, with
 * the real software: rendered by the built CLI from flags (`--idp keycloak
 * --set identityProvider.bundled=false …`), the provider a real Keycloak
 * outside the stack registered by the NEXT_STEPS checklist, the stack run by
 * the runner. A real Chromium signs in at it through oauth2-proxy; someone
 * without the role is refused; machines still use their own credential; CI
 * gets a client-credentials token of that Keycloak by the printed block (its
 * client registered by the printed checklist); and doctor --live finds
 * nothing to report.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { describeRealStack, secretsIn } from './context.js';
import { launchBrowser } from './helpers/browser.js';
import { refusedAtCallback, signInAtKeycloak } from './helpers/signIn.js';
import { ownKeycloakFlags, startOutsideKeycloak, type OutsideKeycloak } from './helpers/outsideKeycloak.js';
import { prefect, printedBlock, profileEnv, runPrintedJob } from './helpers/prefectCli.js';
import { upStack, type StackRun } from './runner/stack.js';

const SSO_NAME = 'sso.example.test';
const SSO_ADDRESS = '127.20.1.2';
const SSO_PORT = 8180;
const SSO = `http://${SSO_NAME}:${SSO_PORT}`;
const OUTSIDE = new Map([[SSO_NAME, SSO_ADDRESS]]);
const UI = 'http://prefect.localtest.me:8080';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const CI_SECRET = randomBytes(24).toString('base64url');
const PEOPLE = [
  { username: 'ada', password: randomBytes(12).toString('base64url'), roles: ['prefect-user'] },
  { username: 'bob', password: randomBytes(12).toString('base64url'), roles: [] },
];

describeRealStack('a stack signing in at your own Keycloak outside it, with the real software', () => {
  let dir: string;
  let run: StackRun | undefined;
  let sso: OutsideKeycloak | undefined;
  let browser: Browser | undefined;
  let rendered: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'prefect-secure-external-'));
    chmodSync(root, 0o755);
    rendered = await runCli(
      [
        'init', '--yes',
        ...ownKeycloakFlags(SSO, 'staff'),
        // CI with access tokens of that Keycloak too (a client registered by the printed checklist).
        '--set', 'machineAccess.tokens={}',
      ],
      { cwd: root, env: { CI: 'true', SSO_CLIENT_SECRET: CLIENT_SECRET } },
    );
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    dir = join(root, 'prefect-stack');
    const runDir = join(root, 'run');
    const cfg = parseToml(readFileSync(join(dir, 'oauth2-proxy', 'oauth2-proxy.cfg'), 'utf8')) as Record<string, string>;
    sso = await startOutsideKeycloak({
      runDir,
      address: SSO_ADDRESS,
      port: SSO_PORT,
      origin: SSO,
      registration: { realm: 'staff', clientId: 'prefect', clientSecret: CLIENT_SECRET, redirectUri: cfg.redirect_url!, ui: UI, role: 'prefect-user', people: PEOPLE, ciClient: { clientId: 'prefect-ci', secret: CI_SECRET } },
    });
    run = await upStack(dir, { runDir, outside: OUTSIDE });
    browser = await launchBrowser(OUTSIDE);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await run?.down();
    await sso?.process.stop();
  }, 120_000);

  it('renders no identity service, warns of the plain-http issuer, and keeps the supplied secret in .env only', () => {
    const compose = parseYaml(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')) as { services: Record<string, unknown> };
    expect(Object.keys(compose.services).sort()).toEqual(['nginx', 'oauth2-proxy', 'postgres', 'prefect-server']);
    expect(rendered.stdout).toContain(`the issuer of Keycloak (${SSO}/realms/staff) is plain http`);
    expect(rendered.stdout + rendered.stderr).not.toContain(CLIENT_SECRET);
    expect(secretsIn(dir).OAUTH2_PROXY_CLIENT_SECRET).toBe(CLIENT_SECRET);
    const steps = readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8');
    expect(steps).toContain(`Valid redirect URIs: exactly ${UI}/oauth2/callback`);
    expect(steps).toContain('copy the Client Secret into SSO_CLIENT_SECRET before rendering');
  });

  it('a member signs in at the outside Keycloak with a real browser and reaches the Prefect UI', async () => {
    await signInAtKeycloak(browser!, { start: `${UI}/dashboard`, ui: UI, sso: SSO, realm: 'staff', user: 'ada', password: PEOPLE[0]!.password, screenshot: 'external-idp-signed-in.png' });
  }, 120_000);

  it('someone the provider signs in without the allowed role is refused by oauth2-proxy', async () => {
    await refusedAtCallback(browser!, { ui: UI, user: 'bob', password: PEOPLE[1]!.password });
  }, 120_000);

  it('machines keep their own credential on the machine host: the real prefect CLI with the generated profile', async () => {
    const result = await prefect(['work-pool', 'ls'], profileEnv(dir, 'ci'));
    expect(result.code, result.all).toBe(0);
  }, 120_000);

  it('CI with an access token of your Keycloak: the printed block, with the CI client registered as printed, runs as printed', async () => {
    const steps = readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8');
    expect(steps).toContain('Service accounts roles: assign the realm role prefect-user');
    const block = printedBlock(steps, 'grant_type=client_credentials');
    // "with the client's secret in CI_CLIENT_SECRET (in CI, from its secret store)"
    await runPrintedJob(block, dir, { CI_CLIENT_SECRET: CI_SECRET });
  }, 180_000);

  it('doctor --live reports nothing on the running stack', async () => {
    const result = await runCli(['doctor', dir, '--live', '--json'], { env: { CI: 'true' } });
    const report = JSON.parse(result.stdout) as { findings: unknown[]; summary: { errors: number; warnings: number } };
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});
