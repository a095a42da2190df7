/**
 * rotate, followed as printed on the running stack. Each step rotate lists
 * (--json's followUps, the same words as the human output) runs exactly as
 * printed from the stack folder (helpers/printedExec.ts): `before` steps while
 * the services still run with the old values, then the services are
 * recreated, then the `after` steps.
 */
import { describe, expect, it } from 'vitest';
import type { FollowUpStep } from '../../../src/plan/types.js';
import { stack } from '../context.js';
import { basic, hostRequest } from '../helpers/host.js';
import { runPrintedExec } from '../helpers/printedExec.js';
import { runCli } from '../../helpers/cli.js';

interface RotateReport {
  restart: string[];
  followUps: FollowUpStep[];
}

export async function rotate(dir: string, names: string[]): Promise<RotateReport> {
  const rotated = await runCli(['rotate', ...names, '--json'], { cwd: dir });
  expect(rotated.code, rotated.stderr).toBe(0);
  return JSON.parse(rotated.stdout) as RotateReport;
}

export function rotationScenarios(): void {
  describe('rotation: a new database password, with the steps rotate prints', () => {
    it('rotate db-password --json names the ALTER USER step; run as printed, Prefect works with the new password', async () => {
      const s = stack();
      const report = await rotate(s.dir, ['db-password']);
      expect(report.restart.sort()).toEqual(['postgres', 'prefect-server']);
      expect(report.followUps).toHaveLength(1);
      const step = report.followUps[0]!;
      expect(step.when).toBe('after');
      expect(step.command).toContain('ALTER USER');
      expect(step.then).toBe('docker compose up -d --force-recreate prefect-server');

      // "Once postgres is recreated": the same volume, the new environment; the printed command as it is.
      await s.run.recreate('postgres');
      const exec = await runPrintedExec(s.run, s.dir, step.command!);
      expect(exec.code, exec.output).toBe(0);
      expect(exec.output).toContain('ALTER ROLE');

      // "then": Prefect connects with the new password.
      await s.run.recreate('prefect-server');
      const res = await hostRequest(`${s.api}/flows/filter`, {
        method: 'POST',
        headers: { authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, res.body.slice(0, 300)).toBe(200);
    }, 240_000);
  });
}
