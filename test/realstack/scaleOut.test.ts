/**
 * The scaled-out stack (scale.apiReplicas: 2, scale.redis.type: bundled)
 * with the real software: Redis, two Prefect API replicas without services
 * behind nginx, one `prefect server services start`, and the migrations run
 * once by prefect-migrate before any of them. The worker scenarios run on it
 * (flows, logs over 1 MB, cancellation over the WebSocket); a flow run's
 * events reach the database only through Redis (no API replica runs the
 * event persister); one replica killed mid-run loses no log line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealStack, startRealStack, stack, stopRealStack } from './context.js';
import { basic, hostRequest } from './helpers/host.js';
import { prefect, prefectBackground, profileEnv } from './helpers/prefectCli.js';
import { eventAcross } from './helpers/eventsAcross.js';
import { machineScenarios } from './scenarios/machines.js';
import { doctorScenarios } from './scenarios/doctor.js';

const STEADY = `
import time
from prefect import flow, get_run_logger

@flow
def steady(lines: int = 24):
    logger = get_run_logger()
    for i in range(lines):
        logger.info("line %d", i)
        time.sleep(0.5)
    return "done"
`;

async function get(path: string): Promise<any> {
  const s = stack();
  const res = await hostRequest(`${s.api}${path}`, { headers: { authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!) } });
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  return JSON.parse(res.body);
}

async function post(path: string, body: unknown): Promise<any> {
  const s = stack();
  const res = await hostRequest(`${s.api}${path}`, {
    method: 'POST',
    headers: { authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, res.body.slice(0, 300)).toBeLessThan(300);
  return JSON.parse(res.body);
}

describeRealStack('the scaled-out stack (two API replicas, Redis, one services process), with the real software', () => {
  beforeAll(async () => {
    await startRealStack('nginx', ['--api-replicas', '2', '--redis', 'bundled']);
  }, 600_000);

  afterAll(async () => {
    await stopRealStack();
  }, 120_000);

  it('migrations ran once, in prefect-migrate, which ended well before the API replicas started', () => {
    const { run } = stack();
    expect(run.logOf('prefect-migrate')).toMatch(/Prefect database upgraded|Migrating database|upgraded/i);
    for (const replica of ['prefect-server-1', 'prefect-server-2']) {
      expect(run.logOf(replica)).not.toMatch(/Migrating database/);
    }
  });

  it('both replicas answer through the proxy', async () => {
    const { run } = stack();
    for (let i = 0; i < 8; i++) await get('/health');
    for (const replica of ['prefect-server-1', 'prefect-server-2']) {
      expect(run.logOf(replica)).toContain('Check out the dashboard');
      // The replicas start one after another: none collided registering Prefect's block types.
      expect(run.logOf(replica)).not.toContain('Failed to register block schema');
    }
  });

  machineScenarios();

  it("a flow run's events reach the database through Redis: the services process persists what the API replicas received", async () => {
    const runs = (await post('/flow_runs/filter', { limit: 1, sort: 'EXPECTED_START_TIME_DESC', flow_runs: { state: { type: { any_: ['COMPLETED'] } } } })) as { id: string }[];
    expect(runs.length).toBe(1);
    let names: string[] = [];
    for (let i = 0; i < 20 && !names.includes('prefect.flow-run.Completed'); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      const events = (await post('/events/filter', { filter: { resource: { id: [`prefect.flow-run.${runs[0]!.id}`] }, occurred: { since: '2000-01-01T00:00:00Z' } }, limit: 50 })) as { events: { event: string }[] };
      names = events.events.map((e) => e.event);
    }
    expect(names).toEqual(expect.arrayContaining(['prefect.flow-run.Pending', 'prefect.flow-run.Running', 'prefect.flow-run.Completed']));
  }, 60_000);

  it('an event sent to one replica reaches a subscriber on the other (through Redis)', async () => {
    const { run } = stack();
    const at = (replica: string) => `http://${run.address(replica)}:4200/api`;
    expect(await eventAcross(at('prefect-server-1'), at('prefect-server-2'))).toContain('received True');
    expect(await eventAcross(at('prefect-server-2'), at('prefect-server-1'))).toContain('received True');
  }, 300_000);

  it('one API replica killed mid-run: the run completes and no log line is lost', async () => {
    const s = stack();
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-steady-'));
    writeFileSync(join(dir, 'steady.py'), STEADY);
    const deployed = await prefect(['deploy', 'steady.py:steady', '--name', 'steady', '--pool', 'local'], profileEnv(s.dir, 'ci'), { cwd: dir });
    expect(deployed.code, deployed.all).toBe(0);
    const worker = prefectBackground(['worker', 'start', '--pool', 'local', '--run-once'], profileEnv(s.dir, 'worker'), { cwd: dir });
    const started = await prefect(['deployment', 'run', 'steady/steady'], profileEnv(s.dir, 'ci'));
    expect(started.code, started.all).toBe(0);
    const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(started.all)![1]!;
    // Wait until the run is running, then take one replica away for good.
    const until = Date.now() + 120_000;
    while ((await get(`/flow_runs/${id}`)).state_type !== 'RUNNING' && Date.now() < until) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, 3000));
    await s.run.kill('prefect-server-1');
    const done = Date.now() + 180_000;
    let state = '';
    while (Date.now() < done) {
      state = (await get(`/flow_runs/${id}`)).state_type;
      if (['COMPLETED', 'FAILED', 'CRASHED'].includes(state)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(state, worker.output()).toBe('COMPLETED');
    let lines: string[] = [];
    for (let i = 0; i < 30 && lines.length < 24; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      const logs = (await post('/logs/filter', { logs: { flow_run_id: { any_: [id] } }, limit: 200 })) as { message: string }[];
      lines = logs.map((l) => l.message).filter((m) => /^line \d+$/.test(m));
    }
    expect(new Set(lines).size).toBe(24);
    await s.run.start('prefect-server-1');
  }, 400_000);

  doctorScenarios();
});
