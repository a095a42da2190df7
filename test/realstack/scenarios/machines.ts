/**
 * Workers and CI with the rendered prefect/profiles.toml and the real
 * `prefect` CLI, through the machine host only.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../context.js';
import { basic, hostRequest } from '../helpers/host.js';
import { prefect, printedBlock, profileEnv, runPrinted, workerStarted } from '../helpers/prefectCli.js';

/** The work pool of the worker block NEXT_STEPS.md prints. */
const POOL = 'local';

const FLOWS = `
import time
from prefect import flow, get_run_logger

@flow(log_prints=True)
def hello(pieces: int = 16):
    logger = get_run_logger()
    # 16 records of 100 kB: one batch of the API log handler passes 1 MB.
    for i in range(pieces):
        logger.info("piece %d %s", i, "x" * 100_000)
    return "done"

@flow
def sleepy(seconds: int = 300):
    time.sleep(seconds)
`;

const PREFECT_YAML = `
name: real-stack-flows
prefect-version: 3.8.3
deployments:
  - name: from-actions
    entrypoint: flows.py:hello
    work_pool:
      name: ${POOL}
`;

async function api(path: string, body: unknown, user = 'ci'): Promise<any> {
  const s = stack();
  const password = s.secrets[`PREFECT_MACHINE_${user.toUpperCase()}_PASSWORD`]!;
  const res = await hostRequest(`${s.api}${path}`, {
    method: 'POST',
    headers: { authorization: basic(user, password), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
  return res.body ? JSON.parse(res.body) : undefined;
}

async function waitForState(flowRunId: string, states: string[], timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const s = stack();
    const res = await hostRequest(`${s.api}/flow_runs/${flowRunId}`, { headers: { authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!) } });
    last = (JSON.parse(res.body) as { state_type: string }).state_type;
    if (states.includes(last)) return last;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`flow run ${flowRunId} still ${last} after ${timeoutMs / 1000} s`);
}

function runIdFrom(output: string): string {
  const match = output.match(/UUID:\s*([0-9a-f-]{36})/) ?? output.match(/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/);
  if (!match) throw new Error(`no flow run id in: ${output}`);
  return match[1]!;
}

export function machineScenarios(): void {
  describe('machines: worker and CI profiles with the real prefect CLI', () => {
    let flowsDir: string;
    let worker: ReturnType<typeof runPrinted>;
    let firstRun: string;

    beforeAll(async () => {
      const s = stack();
      flowsDir = mkdtempSync(join(tmpdir(), 'prefect-secure-flows-'));
      writeFileSync(join(flowsDir, 'flows.py'), FLOWS);
      // The worker block of NEXT_STEPS.md, exactly as printed, run in the stack folder as it says.
      const block = printedBlock(readFileSync(join(s.dir, 'NEXT_STEPS.md'), 'utf8'), 'prefect worker start');
      expect(block).toContain(`--pool ${POOL}`);
      worker = runPrinted(block, s.dir);
      await workerStarted(worker);
    }, 180_000);

    it("the printed worker block leaves the person's own ~/.prefect/profiles.toml alone", () => {
      expect(existsSync(join(worker.home, '.prefect', 'profiles.toml'))).toBe(false);
      expect(worker.output()).toContain(`Created work pool '${POOL}'`);
    });

    afterAll(async () => {
      await worker?.stop();
    });

    it('the ci profile deploys a flow and a run completes on the worker', async () => {
      const s = stack();
      const deployed = await prefect(['deploy', 'flows.py:hello', '--name', 'from-profile', '--pool', POOL], profileEnv(s.dir, 'ci'), { cwd: flowsDir });
      expect(deployed.code, deployed.all).toBe(0);
      const started = await prefect(['deployment', 'run', 'hello/from-profile'], profileEnv(s.dir, 'ci'));
      expect(started.code, started.all).toBe(0);
      firstRun = runIdFrom(started.all);
      expect(await waitForState(firstRun, ['COMPLETED', 'FAILED', 'CRASHED'], 150_000), worker.output()).toBe('COMPLETED');
    }, 240_000);

    it('the run\'s logs, sent in a batch over 1 MB, are readable through the API', async () => {
      // The flow's process sends its last batch as it exits, after the run is marked completed.
      let pieces: { message: string }[] = [];
      for (let i = 0; i < 30 && pieces.length < 16; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 1000));
        const logs = (await api('/logs/filter', { logs: { flow_run_id: { any_: [firstRun] } }, limit: 200 })) as { message: string }[];
        pieces = logs.filter((l) => l.message.startsWith('piece '));
      }
      expect(pieces).toHaveLength(16);
      expect(pieces.reduce((n, l) => n + l.message.length, 0)).toBeGreaterThan(1_500_000);
      // The gate took the batch whole: the proxy logged a 201 for a POST /api/logs/ of more than 1 MB.
      const batches = stack().access().filter((e) => e.method === 'POST' && e.uri === '/api/logs/' && e.status === 201);
      expect(batches.length).toBeGreaterThan(0);
    });

    it('a log batch of 3 MB sent with the ci credential is accepted', async () => {
      const s = stack();
      const ts = new Date().toISOString();
      const batch = Array.from({ length: 30 }, (_, i) => ({ name: 'real-stack', level: 20, message: `${i} ${'y'.repeat(100_000)}`, timestamp: ts, flow_run_id: firstRun }));
      const body = JSON.stringify(batch);
      expect(body.length).toBeGreaterThan(3_000_000);
      const res = await hostRequest(`${s.api}/logs/`, {
        method: 'POST',
        headers: { authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!), 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(201);
    });

    it('the environment and prefect.toml of the rendered GitHub Actions job deploy a flow', async () => {
      const s = stack();
      const workflow = parse(readFileSync(join(s.dir, 'prefect', 'github-actions-deploy.yml'), 'utf8')) as {
        jobs: { deploy: { env: Record<string, string>; steps: { run?: string }[] } };
      };
      const job = workflow.jobs.deploy;
      const repo = mkdtempSync(join(tmpdir(), 'prefect-secure-repo-'));
      writeFileSync(join(repo, 'flows.py'), FLOWS);
      writeFileSync(join(repo, 'prefect.yaml'), PREFECT_YAML);
      copyFileSync(join(s.dir, 'prefect', 'prefect.toml'), join(repo, 'prefect.toml'));
      // The repository secrets, from profile "ci" of profiles.toml, as the comments in the job say.
      const profiles = readFileSync(join(s.dir, 'prefect', 'profiles.toml'), 'utf8');
      const ci = profiles.slice(profiles.indexOf('[profiles.ci]'));
      const value = (key: string) => JSON.parse(ci.match(new RegExp(`^${key} = (".*")$`, 'm'))![1]!) as string;
      const secrets: Record<string, string> = { PREFECT_API_AUTH_STRING: value('PREFECT_API_AUTH_STRING'), PREFECT_CLIENT_CUSTOM_HEADERS: value('PREFECT_CLIENT_CUSTOM_HEADERS') };
      const env = Object.fromEntries(
        Object.entries(job.env).map(([k, v]) => [k, v.replace(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g, (_m, name: string) => secrets[name] ?? '')]),
      );
      // No profile: the job's environment and prefect.toml are all the client has.
      const deployStep = job.steps.map((step) => step.run).find((run) => run?.startsWith('prefect '));
      expect(deployStep).toBeDefined();
      const args = deployStep!.split(/\s+/).slice(1).filter((a) => a !== '--no-prompt');
      const deployed = await prefect(args, env, { cwd: repo });
      expect(deployed.code, deployed.all).toBe(0);
      const started = await prefect(['deployment', 'run', 'hello/from-actions'], env, { cwd: repo });
      expect(started.code, started.all).toBe(0);
      expect(await waitForState(runIdFrom(started.all), ['COMPLETED', 'FAILED', 'CRASHED'], 150_000)).toBe('COMPLETED');
    }, 240_000);

    it('a run cancelled through the API is cancelled by the worker', async () => {
      const s = stack();
      const deployed = await prefect(['deploy', 'flows.py:sleepy', '--name', 'long', '--pool', POOL], profileEnv(s.dir, 'ci'), { cwd: flowsDir });
      expect(deployed.code, deployed.all).toBe(0);
      const started = await prefect(['deployment', 'run', 'sleepy/long'], profileEnv(s.dir, 'ci'));
      const id = runIdFrom(started.all);
      await waitForState(id, ['RUNNING'], 120_000);
      const cancelled = await prefect(['flow-run', 'cancel', id], profileEnv(s.dir, 'ci'));
      expect(cancelled.code, cancelled.all).toBe(0);
      expect(await waitForState(id, ['CANCELLED', 'FAILED', 'CRASHED', 'COMPLETED'], 90_000), worker.output()).toBe('CANCELLED');
    }, 240_000);

    it('events and logs stream over WebSockets through the machine host', () => {
      const sockets = stack().access().filter((e) => e.method === 'GET' && e.status === 101).map((e) => e.uri);
      // 101 Switching Protocols: the gate let the socket handshakes through with the profile's headers.
      expect(sockets).toContain('/api/events/in');
      expect(sockets).toContain('/api/events/out');
    });
  });
}
