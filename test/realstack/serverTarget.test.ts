/**
 * The server target with the real software: https on 443 with certificate
 * files from an internal CA, plain http on 80 only redirecting, HSTS, and a
 * team's own Keycloak outside the stack that also serves a certificate of
 * that CA. Rendered by the built CLI from flags; the certificate files put
 * where NEXT_STEPS says and the key's permissions set by the command it
 * prints; the stack started by the runner. A real Chromium that trusts the
 * CA (through its NSS database, certificate checks on) signs in; the real
 * prefect CLI and a flow run use the generated profile, which points
 * PREFECT_API_SSL_CERT_FILE at the CA; without it the client refuses the
 * certificate.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Browser } from 'playwright-core';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testCa, type TestCa } from '../helpers/tls.js';
import { COMPONENTS } from './components.js';
import { describeRealStack, secretsIn } from './context.js';
import { launchBrowser } from './helpers/browser.js';
import { runFlowWithProfile, signInAtKeycloak } from './helpers/signIn.js';
import { ownKeycloakFlags, startOutsideKeycloak, type OutsideKeycloak } from './helpers/outsideKeycloak.js';
import { prefect, profileEnv } from './helpers/prefectCli.js';
import { putCertificates, serverInit } from './helpers/serverFiles.js';
import { upStack, type StackRun } from './runner/stack.js';

const UI_HOST = 'prefect.example.test';
const API_HOST = 'prefect-api.example.test';
const UI = `https://${UI_HOST}`;
const SSO_NAME = 'sso.example.test';
const SSO_ADDRESS = '127.20.1.3';
const SSO_PORT = 8443;
const SSO = `https://${SSO_NAME}:${SSO_PORT}`;
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const PEOPLE = [{ username: 'ada', password: randomBytes(12).toString('base64url'), roles: ['prefect-user'] }];

/** A GET as a program on this machine makes it, to the published port (127.0.0.1), trusting `ca` (or nothing). */
function get(url: string, ca?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; error?: string }> {
  const target = new URL(url);
  const options = { host: '127.0.0.1', port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)), path: target.pathname + target.search, headers: { host: target.host }, servername: target.hostname, ...(ca ? { ca } : {}) };
  return new Promise((resolve) => {
    const request = target.protocol === 'https:' ? https.get(options, done) : http.get(options, done);
    function done(res: http.IncomingMessage) {
      res.resume();
      resolve({ status: res.statusCode!, headers: res.headers });
    }
    request.on('error', (error) => resolve({ status: 0, headers: {}, error: error.message }));
  });
}

/** A JSON POST to the published https port, trusting `ca`. */
function post(url: string, body: unknown, authorization: string, ca: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = https.request(
      { host: '127.0.0.1', port: 443, path: target.pathname, method: 'POST', servername: target.hostname, ca, headers: { host: target.host, authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    request.on('error', reject);
    request.end(data);
  });
}

describeRealStack('the server target: https from an internal CA, with the real software', () => {
  let ca: TestCa;
  let dir: string;
  let run: StackRun | undefined;
  let sso: OutsideKeycloak | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ca = testCa();
    const root = mkdtempSync(join(tmpdir(), 'prefect-secure-server-'));
    chmodSync(root, 0o755);
    const rendered = await runCli(
      serverInit(UI_HOST, API_HOST, [
        '--set', 'tls.ca=tls/ca.pem',
        ...ownKeycloakFlags(SSO, 'staff'),
      ]),
      { cwd: root, env: { CI: 'true', SSO_CLIENT_SECRET: CLIENT_SECRET } },
    );
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    dir = join(root, 'prefect-stack');

    // The files NEXT_STEPS asks for, where it asks for them.
    // The files NEXT_STEPS asks for, where it asks for them, and the key's permissions by the command it prints.
    await putCertificates(dir, ca, [UI_HOST, API_HOST]);

    const ssoLeaf = ca.issue([SSO_NAME]);
    const runDir = join(root, 'run');
    sso = await startOutsideKeycloak({
      runDir,
      address: SSO_ADDRESS,
      port: SSO_PORT,
      origin: SSO,
      registration: { realm: 'staff', clientId: 'prefect', clientSecret: CLIENT_SECRET, redirectUri: `${UI}/oauth2/callback`, ui: UI, role: 'prefect-user', people: PEOPLE },
      tls: { certFile: ssoLeaf.certFile, keyFile: ssoLeaf.keyFile, caFile: ca.caFile },
    });
    const outside = new Map([[SSO_NAME, SSO_ADDRESS]]);
    run = await upStack(dir, { runDir, outside });
    browser = await launchBrowser(new Map([...outside, [UI_HOST, '127.0.0.1'], [API_HOST, '127.0.0.1']]), { caFile: ca.caFile });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await run?.down();
    await sso?.process.stop();
  }, 120_000);

  it('the printed command leaves the key readable by the proxy group only', () => {
    const key = statSync(join(dir, 'tls', 'privkey.pem'));
    expect(key.gid).toBe(101);
    expect(key.mode & 0o777).toBe(0o640);
  });

  it('serves https with the certificate, HSTS on both hosts, and only a redirect on plain http', async () => {
    for (const host of [UI_HOST, API_HOST]) {
      const plain = await get(`http://${host}/api/health?x=1`);
      expect(plain.status).toBe(308);
      expect(plain.headers.location).toBe(`https://${host}/api/health?x=1`);
    }
    const health = await get(`https://${API_HOST}/api/health`, ca.ca);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect((await get(`${UI}/`, ca.ca)).headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    // Without the CA the certificate is not trusted: it is the internal CA's, not a public one.
    expect((await get(`https://${API_HOST}/api/health`)).error).toMatch(/self.signed|unable to verify|certificate/i);
    // An unknown name gets no certificate at all.
    expect((await get('https://unknown.example.test/', ca.ca)).status).toBe(0);
  });

  it('a real Chromium that trusts the CA signs in at the outside Keycloak (https) and reaches the UI', async () => {
    // http → https (308), then the sign-in at the outside Keycloak.
    const cookies = await signInAtKeycloak(browser!, { start: `http://${UI_HOST}/dashboard`, ui: UI, sso: SSO, realm: 'staff', user: 'ada', password: PEOPLE[0]!.password, screenshot: 'server-target-signed-in.png' });
    expect(cookies.find((c) => c.name === '_prefect_oauth2')).toMatchObject({ secure: true, httpOnly: true });
  }, 120_000);

  it('the prefect CLI with the generated profile, run in the stack folder, trusts the CA it names; without it, it refuses', async () => {
    const env = profileEnv(dir, 'ci');
    const ok = await prefect(['work-pool', 'ls'], env, { cwd: dir });
    expect(ok.code, ok.all).toBe(0);
    // Prefect's default, certifi's public CAs: the internal CA's certificate is refused, whatever the system store holds.
    const certifi = (await execa(COMPONENTS.python, ['-c', 'import certifi; print(certifi.where())'])).stdout.trim();
    const refused = await prefect(['work-pool', 'ls'], { ...env, PREFECT_API_SSL_CERT_FILE: certifi }, { cwd: dir, timeoutMs: 90_000 });
    expect(refused.code).not.toBe(0);
    expect(refused.all).toMatch(/CERTIFICATE_VERIFY_FAILED|certificate verify failed/i);
  }, 180_000);

  it('a flow run with a task reaches the server over https, REST and WebSocket (task runs arrive as events)', async () => {
    await runFlowWithProfile(dir, 'ci');
    // The task run exists only if its events came through the WebSocket.
    const password = secretsIn(dir).PREFECT_MACHINE_CI_PASSWORD!;
    let taskRuns: { name: string; state_type: string }[] = [];
    for (let i = 0; i < 30 && !taskRuns.some((t) => t.state_type === 'COMPLETED'); i++) {
      const listed = await post(`https://${API_HOST}/api/task_runs/filter`, { limit: 10 }, `Basic ${Buffer.from(`ci:${password}`).toString('base64')}`, ca.ca);
      taskRuns = listed.status === 200 ? (JSON.parse(listed.body) as typeof taskRuns) : [];
      if (!taskRuns.some((t) => t.state_type === 'COMPLETED')) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(taskRuns.map((t) => t.state_type)).toContain('COMPLETED');
  }, 180_000);

  it('CI as prefect/prefect.toml says: at the root of a repository with the CA copied to the same path, and the two secrets from the profile', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'prefect-secure-flows-repo-'));
    copyFileSync(join(dir, 'prefect', 'prefect.toml'), join(repo, 'prefect.toml'));
    mkdirSync(join(repo, 'tls'));
    copyFileSync(join(dir, 'tls', 'ca.pem'), join(repo, 'tls', 'ca.pem'));
    const profile = (parseToml(readFileSync(join(dir, 'prefect', 'profiles.toml'), 'utf8')) as { profiles: Record<string, Record<string, string>> }).profiles.ci!;
    const secrets = { PREFECT_API_AUTH_STRING: profile.PREFECT_API_AUTH_STRING!, PREFECT_CLIENT_CUSTOM_HEADERS: profile.PREFECT_CLIENT_CUSTOM_HEADERS! };
    const ok = await prefect(['work-pool', 'ls'], secrets, { cwd: repo });
    expect(ok.code, ok.all).toBe(0);
  }, 120_000);

  it('doctor --live reports nothing on the running stack', async () => {
    const result = await runCli(['doctor', dir, '--live', '--json'], { env: { CI: 'true', SSL_CERT_FILE: ca.caFile, NODE_EXTRA_CA_CERTS: ca.caFile } });
    const report = JSON.parse(result.stdout) as { findings: unknown[]; summary: { errors: number; warnings: number } };
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});
