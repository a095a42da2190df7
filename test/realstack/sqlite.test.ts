/**
 * database.type: sqlite with the real Prefect: the server, as its non-root
 * compose user, keeps its database in the prefect-data volume on the
 * container's /tmp (a new volume takes the image's /tmp mode, 1777, as
 * Docker gives it), creates its tables and serves the API from it.
 */
import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeRealStack } from './context.js';
import { hostRequest } from './helpers/host.js';
import { prefect } from './helpers/prefectCli.js';
import { upStack, type StackRun } from './runner/stack.js';

describeRealStack('a throwaway local stack on SQLite, with the real Prefect', () => {
  let run: StackRun | undefined;
  let runDir: string;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'prefect-secure-sqlite-'));
    chmodSync(root, 0o755);
    const rendered = await runCli(['init', '--preset', 'local', '--db', 'sqlite'], { cwd: root, env: { CI: 'true' } });
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    expect(rendered.stdout).toContain('database.type: sqlite is for a throwaway local run');
    runDir = join(root, 'run');
    run = await upStack(join(root, 'prefect-stack'), { runDir, only: ['prefect-server'] });
  }, 300_000);

  afterAll(async () => {
    await run?.down();
  }, 120_000);

  it('the server keeps its database in the volume, written by its own user, and serves the API from it', async () => {
    const api = `http://${run!.address('prefect-server')}:4200/api`;
    const created = await prefect(['work-pool', 'create', 'sqlite-pool', '--type', 'process'], { PREFECT_API_URL: api });
    expect(created.code, created.all).toBe(0);
    expect((await hostRequest(`${api}/work_pools/sqlite-pool`)).status).toBe(200);
    const file = join(runDir, 'volumes', 'prefect-data', '.prefect', 'prefect.db');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).uid).toBe(10001);
    // PREFECT_HOME sits where Prefect can create it (it makes no parent folders).
    expect(run!.logOf('prefect-server')).not.toContain('Failed to create the Prefect home directory');
  }, 120_000);
});
