/**
 * The Prefect server dies and comes back as a recreated container with
 * another address: nginx (its upstream re-resolves the name through the
 * stack's DNS) follows it, the worker reconnects by itself, and no flow run
 * recorded before is lost.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stack } from '../context.js';
import { basic, hostRequest } from '../helpers/host.js';
import { prefect, prefectBackground, profileEnv, workerStarted } from '../helpers/prefectCli.js';

async function flowRunIds(): Promise<string[]> {
  const s = stack();
  const res = await hostRequest(`${s.api}/flow_runs/filter`, {
    method: 'POST',
    headers: { authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!), 'content-type': 'application/json' },
    body: JSON.stringify({ limit: 200 }),
  });
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  return (JSON.parse(res.body) as { id: string }[]).map((r) => r.id).sort();
}

export function resilienceScenarios(): void {
  describe('resilience: the Prefect server is killed and restarted', () => {
    let worker: ReturnType<typeof prefectBackground> | undefined;
    afterAll(async () => {
      worker?.process.kill('SIGTERM');
      await worker?.process;
    });

    it('the proxy follows it to its new address, the worker reconnects, and every earlier flow run is still there', async () => {
      const s = stack();
      const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-flows-'));
      writeFileSync(join(dir, 'flows.py'), 'from prefect import flow\n\n@flow\ndef after_restart():\n    return 42\n');
      const pool = 'resilience';
      expect((await prefect(['work-pool', 'create', pool, '--type', 'process'], profileEnv(s.dir, 'worker'))).code).toBe(0);
      const deployed = await prefect(['deploy', 'flows.py:after_restart', '--name', 'again', '--pool', pool], profileEnv(s.dir, 'ci'), { cwd: dir });
      expect(deployed.code, deployed.all).toBe(0);
      worker = prefectBackground(['worker', 'start', '--pool', pool], profileEnv(s.dir, 'worker'), { cwd: dir });
      await workerStarted(worker);
      const before = await flowRunIds();
      expect(before.length).toBeGreaterThan(0);

      const oldAddress = s.run.address('prefect-server');
      await s.run.kill('prefect-server');
      const down = await hostRequest(`${s.api}/health`);
      expect(down.status).toBe(502);
      await s.run.start('prefect-server', { newAddress: true });
      const newAddress = s.run.address('prefect-server');
      expect(newAddress).not.toBe(oldAddress);

      // nginx asks the stack's DNS again within the resolver's valid= time (10 s).
      const deadline = Date.now() + 30_000;
      let health = await hostRequest(`${s.api}/health`);
      while (health.status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        health = await hostRequest(`${s.api}/health`);
      }
      expect(health.status, `${stack().proxy} did not follow prefect-server from ${oldAddress} to ${newAddress}`).toBe(200);
      // Nothing answers at the old address any more: the proxy really follows the name.
      await expect(hostRequest(`http://${oldAddress}:4200/api/health`)).rejects.toThrow();
      const after = await flowRunIds();
      expect(after).toEqual(expect.arrayContaining(before));

      // The same worker process, started before the crash, picks up a new run.
      const started = await prefect(['deployment', 'run', 'after-restart/again', '--watch', '--watch-timeout', '150'], profileEnv(s.dir, 'ci'), { timeoutMs: 200_000 });
      expect(started.code, `${started.all}\n--- worker\n${worker.output()}`).toBe(0);
      expect(started.all).toMatch(/Completed/);
      expect(worker.process.exitCode).toBeNull();
    }, 300_000);
  });
}
