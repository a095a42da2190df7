/**
 * The htpasswd entries prefect-secure writes, checked by real verifiers.
 *
 * Two formats (src/secrets/htpasswd.ts, issue 5):
 *   - generated machine passwords -> {SSHA}. Apache's `htpasswd -v` does not
 *     understand {SSHA}, so the proxy that really reads the file proves it:
 *     test/e2e/nginx.test.ts runs nginx on the rendered stack (wrong password
 *     401, each generated one 200). Here the format is recomputed independently.
 *   - a password a person chose (`{name, password: env:NAME}`) -> bcrypt,
 *     checked with Apache's `htpasswd -vb` (issue 2) and with nginx.
 */
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bcryptEntry, MACHINE_PASSWORD_BYTES, sshaEntry } from '../../src/secrets/htpasswd.js';
import { cryptoRandom } from '../../src/secrets/random.js';
import { PRESETS } from '../../src/config/presets.js';
import { startNginx, type RunningNginx } from '../helpers/nginx.js';
import { renderStackToTemp, type RenderedStack } from '../helpers/renderToDir.js';
import { basicAuth, httpRequest, startPrefectStandIn, type StandIn } from '../helpers/standins.js';
import { needTools } from '../helpers/tools.js';

/** `htpasswd -vb file user password`: exit 0 when it matches, 3 when it does not. */
function htpasswdVerify(tool: string, file: string, user: string, password: string): { status: number | null; output: string } {
  const result = spawnSync(tool, ['-vb', file, user, password], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A spec with the preset's generated users plus one whose password a person chose. */
const CHOSEN_ENV = 'PREFECT_OPS_PASSWORD';
const withChosenPassword = {
  ...PRESETS.local,
  machineAccess: { type: 'basic', users: ['ci', 'worker', { name: 'ops', password: `env:${CHOSEN_ENV}` }] },
};

const htpasswdTool = needTools('htpasswd');

htpasswdTool.describe('bcrypt entries (passwords a person chose) with Apache htpasswd -vb', () => {
  let dir: string;
  let stack: RenderedStack;
  const chosen = `correct horse ${randomBytes(6).toString('hex')}`;

  beforeAll(() => {
    htpasswdTool.path('htpasswd');
    dir = mkdtempSync(join(tmpdir(), 'prefect-secure-htpasswd-'));
    stack = renderStackToTemp(withChosenPassword, { [CHOSEN_ENV]: chosen });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    stack?.remove();
  });

  it('bcryptEntry: htpasswd accepts the right password (exit 0) and refuses a wrong one (exit 3)', () => {
    const password = `typed by a person ${randomBytes(4).toString('hex')}`;
    const entry = bcryptEntry('alice', password, cryptoRandom);
    expect(entry).toMatch(/^alice:\$2y\$10\$[./A-Za-z0-9]{53}$/);
    const file = join(dir, 'bcrypt');
    writeFileSync(file, `${entry}\n`);
    const tool = htpasswdTool.path('htpasswd');
    const right = htpasswdVerify(tool, file, 'alice', password);
    expect(right.status, right.output).toBe(0);
    const wrong = htpasswdVerify(tool, file, 'alice', `${password}!`);
    expect(wrong.status, wrong.output).toBe(3);
    expect(htpasswdVerify(tool, file, 'alice', '').status).toBe(3);
  });

  it('the rendered htpasswd holds a bcrypt line for the chosen password, which htpasswd -vb verifies', () => {
    const file = join(stack.dir, 'proxy/htpasswd');
    const lines = stack.read('proxy/htpasswd').trim().split('\n');
    const ops = lines.filter((line) => line.startsWith('ops:'));
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatch(/^ops:\$2y\$\d\d\$/);
    // The generated users in the same file keep the fast format.
    expect(lines.filter((line) => /^(ci|worker):\{SSHA\}/.test(line))).toHaveLength(2);

    const tool = htpasswdTool.path('htpasswd');
    const right = htpasswdVerify(tool, file, 'ops', chosen);
    expect(right.status, right.output).toBe(0);
    const wrong = htpasswdVerify(tool, file, 'ops', chosen.toUpperCase());
    expect(wrong.status, wrong.output).toBe(3);
  });

  it('the chosen password itself is not written into the stack', () => {
    for (const [path, file] of stack.generated.files) expect(file.content, path).not.toContain(chosen);
  });
});

const nginxTool = needTools('nginx');

nginxTool.describe('a mixed htpasswd ({SSHA} and bcrypt) with real nginx', () => {
  let stack: RenderedStack;
  let prefect: StandIn;
  let nginx: RunningNginx | undefined;
  const chosen = `chosen ${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    stack = renderStackToTemp(withChosenPassword, { [CHOSEN_ENV]: chosen });
    prefect = await startPrefectStandIn();
    nginx = await startNginx({
      nginx: nginxTool.path('nginx'),
      confPath: join(stack.dir, 'proxy/nginx.conf'),
      htpasswdPath: join(stack.dir, 'proxy/htpasswd'),
      listenPort: stack.generated.plan.spec.hosts.port,
      workerProcesses: 1,
      upstreams: { prefect: prefect.url, oauth2Proxy: prefect.url, idp: prefect.url },
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await prefect?.close();
    stack?.remove();
  });

  const call = (authorization: string) =>
    httpRequest({
      port: nginx!.port,
      host: `${stack.generated.plan.spec.hosts.machine}:${nginx!.port}`,
      method: 'POST',
      path: '/api/flows/filter',
      headers: { Authorization: authorization },
      body: '{}',
    });

  it('nginx verifies the bcrypt entry of the chosen password and the {SSHA} entries of the generated ones', async () => {
    expect((await call(basicAuth('ops', chosen))).status).toBe(200);
    expect((await call(basicAuth('ops', `${chosen}x`))).status).toBe(401);
    for (const user of stack.machineUsers.filter((u) => u.hash === 'ssha')) {
      expect((await call(basicAuth(user.name, user.password))).status, user.name).toBe(200);
      expect((await call(basicAuth(user.name, chosen))).status, user.name).toBe(401);
    }
  });
});

describe('{SSHA} entries, recomputed independently', () => {
  /** base64(sha1(password + salt) + salt), written out from the definition rather than from src/. */
  function checkSsha(line: string, user: string, password: string): { matches: boolean; saltBytes: number } {
    const prefix = `${user}:{SSHA}`;
    if (!line.startsWith(prefix)) return { matches: false, saltBytes: 0 };
    const raw = Buffer.from(line.slice(prefix.length), 'base64');
    const digest = raw.subarray(0, 20);
    const salt = raw.subarray(20);
    const expected = createHash('sha1').update(Buffer.concat([Buffer.from(password, 'utf8'), salt])).digest();
    return { matches: expected.equals(digest), saltBytes: salt.length };
  }

  let stack: RenderedStack;
  beforeAll(() => {
    stack = renderStackToTemp(PRESETS.local);
  });
  afterAll(() => stack?.remove());

  it('every generated user has an {SSHA} line that matches its password and not another', () => {
    const lines = stack.read('proxy/htpasswd').trim().split('\n');
    expect(lines).toHaveLength(stack.machineUsers.length);
    for (const user of stack.machineUsers) {
      const line = lines.find((l) => l.startsWith(`${user.name}:`))!;
      const check = checkSsha(line, user.name, user.password);
      expect(check.matches, user.name).toBe(true);
      expect(check.saltBytes, user.name).toBeGreaterThanOrEqual(8);
      expect(checkSsha(line, user.name, `${user.password}x`).matches).toBe(false);
    }
    const salts = lines.map((line) => Buffer.from(line.slice(line.indexOf('}') + 1), 'base64').subarray(20).toString('hex'));
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('sshaEntry agrees with the definition for arbitrary passwords and salts', () => {
    for (let i = 0; i < 20; i++) {
      const password = randomBytes(1 + i * 3).toString('base64url') + (i % 2 ? ' ünïcödé' : '');
      const salt = randomBytes(8);
      const digest = createHash('sha1').update(Buffer.concat([Buffer.from(password, 'utf8'), salt])).digest();
      expect(sshaEntry('u', password, salt)).toBe(`u:{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`);
    }
  });

  it('generated machine passwords carry at least 192 random bits', () => {
    expect(MACHINE_PASSWORD_BYTES * 8).toBeGreaterThanOrEqual(192);
    for (const user of stack.machineUsers) {
      expect(Buffer.from(user.password, 'base64url').length * 8, user.name).toBeGreaterThanOrEqual(192);
    }
    expect(new Set(stack.machineUsers.map((u) => u.password)).size).toBe(stack.machineUsers.length);
  });
});
