/**
 * machineAccess.serverAuthString, with the real software: Prefect itself
 * checks the one machine user's credential behind nginx's check. The printed
 * chgrp lets nginx read the header file; a real Chromium signs in at the
 * bundled Keycloak and uses the UI with no Prefect login page (nginx sends the
 * credential for signed-in people); a flow run with the generated profile
 * reaches Prefect, REST and WebSocket (whose in-socket auth Prefect checks);
 * a request that reaches Prefect around nginx, from inside the stack's
 * backend network, gets 401 without the credential. A rotation of the
 * password, followed as rotate prints it, keeps all of that working.
 */
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeRealStack, secretsIn } from './context.js';
import { launchBrowser } from './helpers/browser.js';
import { basic, hostRequest } from './helpers/host.js';
import { runPrintedWithSudo } from './helpers/serverFiles.js';
import { runFlowWithProfile, signInAtKeycloak } from './helpers/signIn.js';
import { upStack, type StackRun } from './runner/stack.js';

const UI = 'http://prefect.localtest.me:8080';
const API = 'http://prefect-api.localtest.me:8080/api';
const ISSUER_ORIGIN = 'http://keycloak.localtest.me:8080';

describeRealStack("Prefect's own auth string behind the proxy (machineAccess.serverAuthString), with the real software", () => {
  let dir: string;
  let run: StackRun | undefined;
  let browser: Browser | undefined;
  let rendered: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'prefect-secure-authstring-'));
    chmodSync(root, 0o755);
    rendered = await runCli(['init', '--preset', 'local', '--set', 'machineAccess.serverAuthString=true', '--machine-users', 'machines'], { cwd: root, env: { CI: 'true' } });
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    dir = join(root, 'prefect-stack');
    await runPrintedWithSudo(dir, 'prefect-auth.conf');
    run = await upStack(dir, { runDir: join(root, 'run') });
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await run?.down();
  }, 120_000);

  it('init prints the step before starting, and the printed command leaves the file readable by nginx\'s group only', () => {
    expect(rendered.stdout).toContain('in prefect-stack: sudo chgrp 101 proxy/prefect-auth.conf && chmod 640 proxy/prefect-auth.conf');
    const file = statSync(join(dir, 'proxy', 'prefect-auth.conf'));
    expect(file.gid).toBe(101);
    expect(file.mode & 0o777).toBe(0o640);
  });

  it('a person signs in and uses the UI: no Prefect login page, every API call answered', async () => {
    await signInAtKeycloak(browser!, { start: `${UI}/dashboard`, ui: UI, sso: ISSUER_ORIGIN, realm: 'prefect', user: 'demo', password: secretsIn(dir).KEYCLOAK_DEMO_PASSWORD!, screenshot: 'auth-string-signed-in.png' });
  }, 120_000);

  it('a flow run with the generated profile: REST and WebSocket both pass nginx and Prefect', async () => {
    await runFlowWithProfile(dir, 'machines');
    // The task run exists only if its events came through the WebSocket, where Prefect checks the auth string in the socket.
    const auth = basic('machines', secretsIn(dir).PREFECT_MACHINE_MACHINES_PASSWORD!);
    let states: string[] = [];
    for (let i = 0; i < 30 && !states.includes('COMPLETED'); i++) {
      const listed = await hostRequest(`${API}/task_runs/filter`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: '{"limit": 10}' });
      states = listed.status === 200 ? (JSON.parse(listed.body) as { state_type: string }[]).map((t) => t.state_type) : [];
      if (!states.includes('COMPLETED')) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(states).toContain('COMPLETED');
  }, 180_000);

  it('Prefect refuses a request that reaches it around nginx without the credential, and takes one with it', async () => {
    const around = (extra: string[]) =>
      run!.exec('nginx', ['wget', '-q', '-S', '-O', '-', '--header', 'Content-Type: application/json', ...extra, '--post-data', '{}', 'http://prefect-server:4200/api/flows/filter']);
    const refused = await around([]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/401 Unauthorized/);
    const password = secretsIn(dir).PREFECT_MACHINE_MACHINES_PASSWORD!;
    const taken = await around(['--header', `Authorization: ${basic('machines', password)}`]);
    expect(taken.code, taken.output).toBe(0);
    expect(taken.output).toMatch(/200 OK/);
  }, 60_000);

  it('rotate machine:machines, followed as printed: the chgrp, then the services recreated; the new password works everywhere, the old one nowhere', async () => {
    const old = secretsIn(dir).PREFECT_MACHINE_MACHINES_PASSWORD!;
    const rotated = await runCli(['rotate', 'machine:machines', '--json'], { cwd: dir });
    expect(rotated.code, rotated.stderr).toBe(0);
    const report = JSON.parse(rotated.stdout) as { restart: string[]; followUps: { when: string; command?: string }[] };
    expect(report.restart.sort()).toEqual(['nginx', 'prefect-server']);
    const step = report.followUps.find((f) => f.command?.includes('prefect-auth.conf'));
    expect(step?.when).toBe('before');
    const bin = mkdtempSync(join(tmpdir(), 'prefect-secure-sudo-'));
    writeFileSync(join(bin, 'sudo'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
    const printed = await execa('bash', ['-e', '-c', step!.command!], { cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin` }, extendEnv: false, reject: false });
    expect(printed.exitCode, printed.stderr).toBe(0);
    for (const service of report.restart) await run!.recreate(service);
    const password = secretsIn(dir).PREFECT_MACHINE_MACHINES_PASSWORD!;
    expect(password).not.toBe(old);
    const ask = (auth: string) => hostRequest(`${API}/flows/filter`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: '{}' });
    expect((await ask(basic('machines', password))).status).toBe(200);
    expect((await ask(basic('machines', old))).status).toBe(401);
    await signInAtKeycloak(browser!, { start: `${UI}/dashboard`, ui: UI, sso: ISSUER_ORIGIN, realm: 'prefect', user: 'demo', password: secretsIn(dir).KEYCLOAK_DEMO_PASSWORD!, screenshot: 'auth-string-after-rotation.png' });
    await runFlowWithProfile(dir, 'machines');
  }, 300_000);

  it('doctor --live reports nothing on the running stack', async () => {
    const result = await runCli(['doctor', dir, '--live', '--json'], { env: { CI: 'true' } });
    const report = JSON.parse(result.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
  }, 120_000);
});
