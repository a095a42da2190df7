/**
 * GitHub Actions OIDC on the machine host, with the real software and a
 * stand-in for GitHub's issuer (helpers/githubIssuer.ts: GitHub cannot be
 * reached here). The real oauth2-proxy reads the stand-in's discovery
 * document, shaped exactly like GitHub's, and checks each token; the printed
 * NEXT_STEPS block, run as printed with a runner's token request variables,
 * gets a token and the real prefect CLI uses the API with it; a flow run
 * sends it on REST and WebSocket alike. Another repository's token (GitHub
 * gives one to anyone), a pull request's, a wrong audience, an expired token
 * and one signed by another key are all refused; workers keep their passwords.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testCa, type TestCa } from '../helpers/tls.js';
import { COMPONENTS } from './components.js';
import { describeRealStack, secretsIn } from './context.js';
import { GITHUB_NAME, startGithubIssuer, type GithubIssuer } from './helpers/githubIssuer.js';
import { ownKeycloakFlags, startOutsideKeycloak, type OutsideKeycloak } from './helpers/outsideKeycloak.js';
import { prefect, printedBlock, profileEnv, runPrintedJob } from './helpers/prefectCli.js';
import { putCertificates, serverInit } from './helpers/serverFiles.js';
import { upStack, type StackRun } from './runner/stack.js';

const UI_HOST = 'prefect.example.test';
const API_HOST = 'prefect-api.example.test';
const UI = `https://${UI_HOST}`;
const AUDIENCE = `https://${API_HOST}`;
const SSO_NAME = 'sso.example.test';
const SSO_ADDRESS = '127.20.1.3';
const SSO = `https://${SSO_NAME}:8443`;
const GITHUB_ADDRESS = '127.20.1.6';
const ALLOWED = 'repo:acme/flows:ref:refs/heads/main';
const CLIENT_SECRET = randomBytes(24).toString('base64url');

describeRealStack('GitHub Actions OIDC tokens on the machine host, with the real software and a stand-in GitHub issuer', () => {
  let ca: TestCa;
  let dir: string;
  let run: StackRun | undefined;
  let sso: OutsideKeycloak | undefined;
  let github: GithubIssuer | undefined;

  /** A POST to the machine host's API through the published port, trusting the test CA. */
  const api = (path: string, authorization: string) =>
    new Promise<number>((resolve, reject) => {
      const request = https.request(
        { host: '127.0.0.1', port: 443, path: `/api${path}`, method: 'POST', servername: API_HOST, ca: ca.ca, headers: { host: API_HOST, authorization, 'content-type': 'application/json', 'content-length': 2 } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      request.on('error', reject);
      request.end('{}');
    });

  beforeAll(async () => {
    ca = testCa();
    const root = mkdtempSync(join(tmpdir(), 'prefect-secure-github-'));
    chmodSync(root, 0o755);
    const rendered = await runCli(
      serverInit(UI_HOST, API_HOST, [
        '--set', 'tls.ca=tls/ca.pem',
        '--set', `machineAccess.githubActions.subjects=[${ALLOWED}]`,
        ...ownKeycloakFlags(SSO, 'staff'),
      ]),
      { cwd: root, env: { CI: 'true', SSO_CLIENT_SECRET: CLIENT_SECRET } },
    );
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    dir = join(root, 'prefect-stack');
    await putCertificates(dir, ca, [UI_HOST, API_HOST]);
    const runDir = join(root, 'run');
    github = await startGithubIssuer({ address: GITHUB_ADDRESS, ca });
    const ssoLeaf = ca.issue([SSO_NAME]);
    sso = await startOutsideKeycloak({
      runDir,
      address: SSO_ADDRESS,
      port: 8443,
      origin: SSO,
      registration: { realm: 'staff', clientId: 'prefect', clientSecret: CLIENT_SECRET, redirectUri: `${UI}/oauth2/callback`, ui: UI, role: 'prefect-user', people: [] },
      tls: { certFile: ssoLeaf.certFile, keyFile: ssoLeaf.keyFile, caFile: ca.caFile },
    });
    run = await upStack(dir, { runDir, outside: new Map([[SSO_NAME, SSO_ADDRESS], [GITHUB_NAME, GITHUB_ADDRESS]]) });
  }, 600_000);

  afterAll(async () => {
    await run?.down();
    await sso?.process.stop();
    await github?.close();
  }, 120_000);

  it('the printed block, run as printed with a runner\'s token request variables, gets a token the prefect CLI uses', async () => {
    const block = printedBlock(readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8'), 'ACTIONS_ID_TOKEN_REQUEST_URL');
    await runPrintedJob(block, dir, {
      ...github!.runnerEnv(ALLOWED),
      // The runtime's certificate is a public one on GitHub; here the stand-in's is the test CA's.
      CURL_CA_BUNDLE: ca.caFile,
    });
  }, 180_000);

  it('a flow run on the token alone reaches the server, REST and WebSocket (its task run arrives as events)', async () => {
    const token = github!.mint({ sub: ALLOWED, aud: AUDIENCE });
    const env = { PREFECT_API_URL: `https://${API_HOST}/api`, PREFECT_CLIENT_CUSTOM_HEADERS: JSON.stringify({ Authorization: `Bearer ${token}` }), PREFECT_API_SSL_CERT_FILE: join(dir, 'tls', 'ca.pem') };
    const flow = await execa(COMPONENTS.python, ['-c', 'from prefect import flow, task\n@task\ndef double(x):\n    return 2 * x\n@flow\ndef from_github():\n    return double(21)\nprint("result", from_github())'], {
      env: { ...env, PATH: '/usr/bin:/bin', HOME: mkdtempSync(join(tmpdir(), 'prefect-secure-github-flow-')), DO_NOT_TRACK: '1' },
      extendEnv: false,
      reject: false,
      timeout: 120_000,
    });
    expect(flow.exitCode, `${flow.stdout}\n${flow.stderr}`).toBe(0);
    expect(flow.stdout).toContain('result 42');
    let states: number[] = [];
    for (let i = 0; i < 20; i++) {
      states = [await api('/task_runs/filter', `Bearer ${token}`)];
      if (states[0] === 200) break;
    }
    expect(states).toEqual([200]);
  }, 180_000);

  it('refuses what GitHub gives anyone: another repository, a pull request, a wrong audience, an expired token, a stranger\'s key', async () => {
    const bearer = (t: string) => `Bearer ${t}`;
    expect(await api('/flows/filter', bearer(github!.mint({ sub: ALLOWED, aud: AUDIENCE })))).toBe(200);
    // satisfy any: neither the password check (401) nor the token check (403) lets it in; nginx answers 401.
    const refusals = {
      'another repository': await api('/flows/filter', bearer(github!.mint({ sub: 'repo:mallory/flows:ref:refs/heads/main', aud: AUDIENCE }))),
      'a pull request': await api('/flows/filter', bearer(github!.mint({ sub: 'repo:acme/flows:pull_request', aud: AUDIENCE }))),
      'another branch': await api('/flows/filter', bearer(github!.mint({ sub: 'repo:acme/flows:ref:refs/heads/feature', aud: AUDIENCE }))),
      'a wrong audience': await api('/flows/filter', bearer(github!.mint({ sub: ALLOWED, aud: 'https://elsewhere.example' }))),
      'an expired token': await api('/flows/filter', bearer(github!.mint({ sub: ALLOWED, aud: AUDIENCE, expiresIn: -60 }))),
      "a stranger's key": await api('/flows/filter', bearer(github!.mint({ sub: ALLOWED, aud: AUDIENCE, key: 'stranger' }))),
      'not a token': await api('/flows/filter', 'Bearer not-a-token'),
    };
    expect(refusals).toEqual(Object.fromEntries(Object.keys(refusals).map((k) => [k, 401])));
    // The subject check refused the other repository (a valid GitHub token), not the signature check.
    expect(run!.logOf('oauth2-proxy-github')).toMatch(/repo:mallory\/flows:ref:refs\/heads\/main .*\[AuthFailure\] Invalid authorization via session \(invalid email\)/);
  }, 60_000);

  it('workers keep their machine passwords beside the tokens', async () => {
    const ok = await prefect(['work-pool', 'ls'], profileEnv(dir, 'worker'), { cwd: dir });
    expect(ok.code, ok.all).toBe(0);
    const password = secretsIn(dir).PREFECT_MACHINE_WORKER_PASSWORD!;
    expect(await api('/flows/filter', `Basic ${Buffer.from(`worker:${password}x`).toString('base64')}`)).toBe(401);
  }, 120_000);

  it('doctor --live reports nothing on the running stack', async () => {
    const result = await runCli(['doctor', dir, '--live', '--json'], { env: { CI: 'true', SSL_CERT_FILE: ca.caFile, NODE_EXTRA_CA_CERTS: ca.caFile } });
    const report = JSON.parse(result.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
  }, 120_000);
});
