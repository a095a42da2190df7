/**
 * The server target with certificates by ACME, with the real software and
 * each proxy. With nginx, the rendered acme service (the real lego, running
 * the rendered renewal script) gets one certificate per public name from a
 * real ACME server (Pebble, which validates HTTP-01 for real by fetching each
 * challenge from nginx's port 80), and the real nginx serves them: it starts
 * before any certificate exists and picks up a replaced one without a
 * restart. Caddy and Traefik get theirs with their own ACME clients from the
 * same Pebble, which validates each name through them; their stacks also
 * turn on Prefect's own auth string (machineAccess.serverAuthString), which
 * the proxy must send for signed-in people: the browser's sign-in asserts
 * every API call of the UI answered, and a request around the proxy gets 401. Pebble is an internal ACME CA
 * here, so the spec names its CA bundle in tls.ca (the test CA that signs
 * Pebble's own https, and Pebble's issuing root), as a team with a private
 * ACME CA does. Sign-in takes the generic OpenID Connect path
 * (identityProvider.type: oidc) with a Keycloak outside the stack as the
 * provider, its realm roles sent as a `roles` claim: a real Chromium signs in
 * and someone without the role is refused; the real prefect CLI and a flow run
 * use the generated profile.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENEW_SCRIPT_IN_CONTAINER } from '../../src/components/certificates/acme/facts.js';
import { runCli } from '../helpers/cli.js';
import { testCa, type TestCa } from '../helpers/tls.js';
import { describeRealStack, secretsIn } from './context.js';
import { itWhen } from './helpers/applies.js';
import { basic } from './helpers/host.js';
import { launchBrowser } from './helpers/browser.js';
import { refusedAtCallback, runFlowWithProfile, signInAtKeycloak } from './helpers/signIn.js';
import { startOutsideKeycloak, type OutsideKeycloak } from './helpers/outsideKeycloak.js';
import { startPebble, type Pebble } from './helpers/pebble.js';
import { prefect, printedBlock, profileEnv } from './helpers/prefectCli.js';
import { serverInit } from './helpers/serverFiles.js';
import { upStack, type StackRun } from './runner/stack.js';

const UI_HOST = 'prefect.example.test';
const API_HOST = 'prefect-api.example.test';
const UI = `https://${UI_HOST}`;
const SSO_NAME = 'sso.example.test';
const SSO_ADDRESS = '127.20.1.3';
const SSO_PORT = 8443;
const SSO = `https://${SSO_NAME}:${SSO_PORT}`;
const ACME_NAME = 'acme.example.test';
const ACME_ADDRESS = '127.20.1.5';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
/** The one machine user of the Caddy and Traefik stacks, which Prefect checks too. */
const MACHINE_USER = 'machines';
const PEOPLE = [
  { username: 'ada', password: randomBytes(12).toString('base64url'), roles: ['prefect-user'] },
  { username: 'bob', password: randomBytes(12).toString('base64url'), roles: [] },
];

interface Served {
  error?: string;
  serial?: string;
  issuer?: string;
  names?: string;
}

/** The certificate nginx shows for `name` on the published https port, verified against `ca`. */
function served(name: string, ca: string): Promise<Served> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: 443, servername: name, ca }, () => {
      const cert = socket.getPeerCertificate();
      resolve({ serial: cert.serialNumber, issuer: String(cert.issuer?.CN ?? ''), names: cert.subjectaltname });
      socket.end();
    });
    socket.on('error', (error) => resolve({ error: error.message }));
  });
}

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describeRealStack('the server target with certificates by ACME, with the real software', () => {
  // One test CA and one outside Keycloak for the three stacks (they register the same client): a stack
  // of its own for each proxy, not a Keycloak of its own.
  let ca: TestCa;
  let sso: OutsideKeycloak | undefined;
  beforeAll(async () => {
    ca = testCa();
    const shared = mkdtempSync(join(tmpdir(), 'prefect-secure-acme-sso-'));
    chmodSync(shared, 0o755);
    sso = await startOutsideKeycloak({
      runDir: shared,
      address: SSO_ADDRESS,
      port: SSO_PORT,
      origin: SSO,
      registration: { realm: 'staff', clientId: 'prefect', clientSecret: CLIENT_SECRET, redirectUri: `${UI}/oauth2/callback`, ui: UI, role: 'prefect-user', people: PEOPLE, rolesClaim: 'roles' },
      tls: { ...(() => { const leaf = ca.issue([SSO_NAME]); return { certFile: leaf.certFile, keyFile: leaf.keyFile }; })(), caFile: ca.caFile },
    });
  }, 600_000);
  afterAll(async () => {
    await sso?.process.stop();
  }, 120_000);

  for (const proxy of ['nginx', 'caddy', 'traefik'] as const) describe(`${proxy === 'nginx' ? 'lego' : proxy} and Pebble`, () => {
    let pebble: Pebble | undefined;
    let trusted: string;
    let dir: string;
    let run: StackRun | undefined;
    let browser: Browser | undefined;
    let firstUiSerial: string | undefined;

    beforeAll(async () => {
      const root = mkdtempSync(join(tmpdir(), 'prefect-secure-acme-'));
      chmodSync(root, 0o755);
      const runDir = join(root, 'run');
      mkdirSync(runDir);
      pebble = await startPebble({ runDir, name: ACME_NAME, address: ACME_ADDRESS, ca });

      const rendered = await runCli(
        serverInit(UI_HOST, API_HOST, [
          '--proxy', proxy,
          ...(proxy === 'nginx' ? [] : ['--machine-users', MACHINE_USER, '--set', 'machineAccess.serverAuthString=true']),
          '--acme-email', 'ops@example.test',
          '--set', `tls.acme.directory=${pebble.directory}`,
          '--set', 'tls.ca=tls/ca.pem',
          // The generic OpenID Connect path, with a Keycloak as the provider.
          '--idp', 'oidc',
          '--set', `identityProvider.issuerUrl=${SSO}/realms/staff`,
          '--set', 'identityProvider.clientId=prefect',
          '--set', 'identityProvider.clientSecret=env:SSO_CLIENT_SECRET',
          '--set', 'identityProvider.groupsClaim=roles',
          '--set', 'identityProvider.allowedGroups=[prefect-user]',
        ]),
        { cwd: root, env: { CI: 'true', SSO_CLIENT_SECRET: CLIENT_SECRET } },
      );
      if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
      dir = join(root, 'prefect-stack');
      // The one file NEXT_STEPS asks for with ACME and an internal CA: the CA bundle.
      trusted = `${ca.ca.trim()}\n${pebble.root.trim()}\n`;
      mkdirSync(join(dir, 'tls'), { recursive: true });
      writeFileSync(join(dir, 'tls', 'ca.pem'), trusted);

      const outside = new Map([[SSO_NAME, SSO_ADDRESS], [ACME_NAME, ACME_ADDRESS]]);
      run = await upStack(dir, { runDir, outside });
      browser = await launchBrowser(new Map([...outside, [UI_HOST, '127.0.0.1'], [API_HOST, '127.0.0.1']]), { caFile: join(dir, 'tls', 'ca.pem') });
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      await run?.down();
      await pebble?.process.stop();
    }, 120_000);

    it('asks only for the CA bundle: no certificate or key to put in the folder', () => {
      const nextSteps = readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8');
      expect(nextSteps).toContain(`Certificates come by ACME from \`${pebble!.directory}\``);
      expect(nextSteps).not.toContain('privkey.pem');
    });

    itWhen(proxy === 'nginx')('lego gets a certificate for each name by HTTP-01 through nginx, which serves each without a restart', async () => {
      for (const name of [UI_HOST, API_HOST]) {
        const cert = await until(`certificate of ${name}`, () => served(name, trusted), (s) => s.serial !== undefined, 120_000);
        expect(cert.issuer).toMatch(/Pebble Intermediate/);
        expect(cert.names).toBe(`DNS:${name}`);
        if (name === UI_HOST) firstUiSerial = cert.serial;
      }
      // Pebble fetched each challenge from port 80 itself.
      const log = readFileSync(pebble!.log, 'utf8');
      for (const name of [UI_HOST, API_HOST]) expect(log).toContain(`Attempting to validate w/ HTTP: http://${name}:80/.well-known/acme-challenge/`);
      expect(log).toMatch(/set VALID by completed challenge/);
      // Each key is readable by nginx's group only.
      const key = statSync(join(run!.runDir, 'volumes', 'acme-certificates', 'certificates', `${UI_HOST}.key`));
      expect(key.gid).toBe(101);
      expect(key.mode & 0o777).toBe(0o640);
      // An unknown name still gets no certificate at all.
      expect((await served('unknown.example.test', trusted)).error).toBeDefined();
    }, 300_000);

    itWhen(proxy !== 'nginx')(`${proxy} gets a certificate for each name from Pebble with its own ACME client, and serves it`, async () => {
      for (const name of [UI_HOST, API_HOST]) {
        const cert = await until(`certificate of ${name}`, () => served(name, trusted), (s) => s.serial !== undefined, 180_000);
        expect(cert.issuer).toMatch(/Pebble Intermediate/);
        expect(cert.names).toBe(`DNS:${name}`);
      }
      // Pebble validated each name itself, at the address the name resolves to (the proxy's): HTTP-01 on port 80 or
      // TLS-ALPN-01 on 443, whichever the client chose (Caddy picks at random; Pebble logs the URL of HTTP-01 only).
      const log = readFileSync(pebble!.log, 'utf8');
      for (const name of [UI_HOST, API_HOST]) expect(log).toMatch(new RegExp(`Pulled a task from the Tasks queue: .*Value:"${name.replace(/\./g, '\\.')}"`));
      expect(log).toMatch(/set VALID by completed challenge/);
      expect(log).not.toMatch(/set INVALID/);
      expect(readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8')).toContain(`docker compose logs -f ${proxy}`);
      // An unknown name still gets no certificate at all.
      expect((await served('unknown.example.test', trusted)).error).toBeDefined();
    }, 300_000);

    it('a real Chromium that trusts the CA signs in at the outside Keycloak and reaches the UI over the ACME certificate', async () => {
      await signInAtKeycloak(browser!, { start: `http://${UI_HOST}/dashboard`, ui: UI, sso: SSO, realm: 'staff', user: 'ada', password: PEOPLE[0]!.password, screenshot: 'acme-target-signed-in.png' });
    }, 120_000);

    it('someone the provider signs in without the role in the roles claim is refused by oauth2-proxy', async () => {
      await refusedAtCallback(browser!, { ui: UI, user: 'bob', password: PEOPLE[1]!.password });
    }, 120_000);

    it('a flow run with the generated profile reaches the server over the ACME certificate, REST and WebSocket', async () => {
      const profile = proxy === 'nginx' ? 'ci' : MACHINE_USER;
      const ok = await prefect(['work-pool', 'ls'], profileEnv(dir, profile), { cwd: dir });
      expect(ok.code, ok.all).toBe(0);
      await runFlowWithProfile(dir, profile);
    }, 180_000);

    itWhen(proxy === 'nginx')('the printed "replace every certificate" command gets new ones, which nginx serves within a minute, unrestarted', async () => {
      const printed = printedBlock(readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8'), `acme-renew.sh now`);
      const argv = printed.trim().split(/\s+/);
      // `docker compose exec acme …`, run the way docker would: inside the acme service.
      expect(argv.slice(0, 4)).toEqual(['docker', 'compose', 'exec', 'acme']);
      expect(argv.slice(4)).toEqual(['sh', RENEW_SCRIPT_IN_CONTAINER, 'now']);
      const nginxBefore = run!.services.get('nginx')!.process!.child.pid;
      const renewed = await run!.exec('acme', argv.slice(4));
      expect(renewed.code, renewed.output).toBe(0);
      const after = await until('the replaced certificate', () => served(UI_HOST, trusted), (s) => s.serial !== undefined && s.serial !== firstUiSerial, 120_000);
      expect(after.issuer).toMatch(/Pebble Intermediate/);
      expect(run!.services.get('nginx')!.process!.child.pid).toBe(nginxBefore);
    }, 240_000);

    itWhen(proxy !== 'nginx')('Prefect refuses a request that goes around the proxy without its auth string (401), and takes it with', async () => {
      const secrets = secretsIn(dir);
      const around = `http://${run!.address('prefect-server')}:4200/api/flows/filter`;
      const ask = (headers: Record<string, string>) => fetch(around, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
      expect((await ask({})).status).toBe(401);
      expect((await ask({ authorization: basic(MACHINE_USER, secrets.PREFECT_MACHINE_MACHINES_PASSWORD!) })).status).toBe(200);
    }, 60_000);

    it('doctor --live reports nothing on the running stack', async () => {
      const bundle = join(dir, 'tls', 'ca.pem');
      const result = await runCli(['doctor', dir, '--live', '--json'], { env: { CI: 'true', SSL_CERT_FILE: bundle, NODE_EXTRA_CA_CERTS: bundle } });
      const report = JSON.parse(result.stdout) as { findings: unknown[]; summary: { errors: number; warnings: number } };
      expect(report.findings).toEqual([]);
    }, 120_000);
  });
});
