/**
 * machineAccess.type: none, with the real software: the machine host lets the
 * real prefect CLI in with a profile that holds no credential, while the UI
 * host still sends people to sign in and answers its API with 401.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeRealStack } from './context.js';
import { hostRequest } from './helpers/host.js';
import { prefect, profileEnv } from './helpers/prefectCli.js';
import { upStack, type StackRun } from './runner/stack.js';

describeRealStack('a stack with no credential on the API (machineAccess.type: none), with the real software', () => {
  let dir: string;
  let run: StackRun | undefined;
  let rendered: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'prefect-secure-none-'));
    chmodSync(root, 0o755);
    rendered = await runCli(['init', '--preset', 'local', '--set', 'machineAccess.type=none'], { cwd: root, env: { CI: 'true' } });
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    dir = join(root, 'prefect-stack');
    run = await upStack(dir, { runDir: join(root, 'run') });
  }, 600_000);

  afterAll(async () => {
    await run?.down();
  }, 120_000);

  it('init warns loudly', () => {
    expect(rendered.stdout).toContain('machineAccess.type is none: ANYONE who reaches http://prefect-api.localtest.me:8080/api can use the whole Prefect API');
  });

  it('the prefect CLI with a profile that holds no credential uses the API through the machine host', async () => {
    const result = await prefect(['work-pool', 'create', 'open-pool', '--type', 'process'], profileEnv(dir, 'ci'));
    expect(result.code, result.all).toBe(0);
    const plain = await hostRequest('http://prefect-api.localtest.me:8080/api/work_pools/open-pool');
    expect(plain.status).toBe(200);
  }, 120_000);

  it('the UI host still requires a signed-in person', async () => {
    expect((await hostRequest('http://prefect.localtest.me:8080/api/work_pools/open-pool')).status).toBe(401);
    const page = await hostRequest('http://prefect.localtest.me:8080/dashboard');
    expect(page.status).toBe(302);
    expect(page.headers.location).toMatch(/^http:\/\/keycloak\.localtest\.me:8080\/realms\/prefect\/protocol\/openid-connect\/auth\?/);
  }, 60_000);
});
