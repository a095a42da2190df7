/**
 * rotate, followed as printed on the running stack: the database password is
 * generated anew, and the step rotate prints (--json's followUps, the same
 * words as the human output) brings the existing database to it, so Prefect
 * connects again. The printed shell command runs as it is, with what the
 * container would give it: the recreated postgres service's environment and
 * its psql, which reaches the server on its local socket.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stack } from '../context.js';
import { COMPONENTS } from '../components.js';
import { basic, hostRequest } from '../helpers/host.js';
import { runCli } from '../../helpers/cli.js';
import { loadComposeProject } from '../runner/compose.js';

/** A service's compose environment as a recreate gives it: read again from docker-compose.yml and the new .env. */
function recreated(dir: string, name: string) {
  return (service: ReturnType<typeof loadComposeProject>['services'][number]) => ({
    ...service,
    environment: loadComposeProject(dir).services.find((s) => s.name === name)!.environment,
  });
}

export function rotationScenarios(): void {
  describe('rotation: a new database password, with the steps rotate prints', () => {
    it('rotate db-password --json names the ALTER USER step; run as printed, Prefect works with the new password', async () => {
      const s = stack();
      const rotated = await runCli(['rotate', 'db-password', '--json'], { cwd: s.dir });
      expect(rotated.code, rotated.stderr).toBe(0);
      const report = JSON.parse(rotated.stdout) as { restart: string[]; followUps: string[] };
      expect(report.restart.sort()).toEqual(['postgres', 'prefect-server']);
      const step = report.followUps.find((f) => f.includes('ALTER USER'))!;
      const printed = /run: docker compose exec postgres (.+) and then recreate prefect-server\.$/.exec(step);
      expect(printed, step).not.toBeNull();

      // "After recreating postgres": the same volume, the new environment.
      await s.run.start('postgres', { change: recreated(s.dir, 'postgres') });
      const postgres = s.run.services.get('postgres')!;
      execFileSync('/bin/sh', ['-c', printed![1]!], {
        env: {
          PATH: `${COMPONENTS.postgresBin}:/usr/bin:/bin`,
          POSTGRES_PASSWORD: postgres.ctx.service.environment.POSTGRES_PASSWORD!,
          // The container's psql finds the server on its default socket; here the socket is in the scratch folder.
          PGHOST: join(postgres.ctx.scratch, 'run'),
        },
        stdio: 'pipe',
      });

      // "and then recreate prefect-server": it connects with the new password.
      await s.run.start('prefect-server', { change: recreated(s.dir, 'prefect-server') });
      const res = await hostRequest(`${s.api}/flows/filter`, {
        method: 'POST',
        headers: { authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, res.body.slice(0, 300)).toBe(200);
    }, 240_000);
  });
}
