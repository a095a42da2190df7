/**
 * `doctor --live` against the running stack: zero errors as rendered, and
 * exactly the mistake when a user makes one (a wrong issuer in oauth2-proxy,
 * restarted as a user would; a wrong redirect URI saved in the realm's admin console).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { stack } from '../context.js';
import { adminToken, getClient, updateClient } from '../helpers/keycloakAdmin.js';

interface Report {
  findings: { id: string; severity: string; message: string; file?: string; line?: number; fix?: string }[];
  checks: { id: string; status: string }[];
  summary: { errors: number; warnings: number };
}

async function doctorLive(): Promise<Report> {
  const result = await runCli(['doctor', stack().dir, '--live', '--json'], { env: { CI: 'true' } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Report;
}

/** Edits a stack file, restarts the service, runs `fn`, and puts both back. */
async function withMistake(file: string, from: string, to: string, service: string, fn: (started: boolean) => Promise<void>): Promise<void> {
  const s = stack();
  const path = join(s.dir, file);
  const original = readFileSync(path, 'utf8');
  expect(original).toContain(from);
  writeFileSync(path, original.replace(from, to));
  let started = true;
  try {
    await s.run.start(service).catch(() => (started = false));
    await fn(started);
  } finally {
    writeFileSync(path, original);
    await s.run.start(service);
  }
}

export function doctorScenarios(): void {
  describe('doctor --live against the running stack', () => {
    it('reports zero errors and zero warnings on the stack as rendered', async () => {
      const report = await doctorLive();
      expect(report.findings).toEqual([]);
      expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
    }, 120_000);

    it('names a wrong issuer in oauth2-proxy (trailing slash), which oauth2-proxy itself refuses at start: one finding, one fix', async () => {
      const right = 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"';
      const wrong = 'oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect/"';
      await withMistake('oauth2-proxy/oauth2-proxy.cfg', right, wrong, 'oauth2-proxy', async (started) => {
        expect(started).toBe(false);
        expect(stack().run.logOf('oauth2-proxy')).toMatch(/issuer did not match|failed to discover/i);
        const report = await doctorLive();
        const errors = report.findings.filter((f) => f.severity === 'error');
        // The static check names the line and the fix; the live issuer-match probe of that same line, which the
        // real Keycloak fails exactly so, adds no second answer.
        const format = errors.find((f) => f.id === 'issuer-format')!;
        expect(format.message).toContain('ends with "/" but Keycloak\'s issuer does not');
        expect(format.fix).toBe(right);
        expect(errors.filter((f) => f.file === format.file && f.line === format.line).map((f) => f.id)).toEqual(['issuer-format']);
        expect(report.checks.find((c) => c.id === 'live-issuer-match')!.status).toBe('passed');
      });
    }, 240_000);

    it('names a redirect URI the running realm does not accept (changed in the admin console)', async () => {
      const s = stack();
      const token = await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!);
      const client = await getClient(token, 'prefect', 'prefect');
      await updateClient(token, 'prefect', client, { redirectUris: ['http://prefect.localtest.me:8080/oauth2/callbak'] });
      try {
        const report = await doctorLive();
        const errors = report.findings.filter((f) => f.severity === 'error');
        expect(errors.map((f) => f.id)).toEqual(['live-redirect-accepted']);
      } finally {
        await updateClient(await adminToken(s.secrets.KEYCLOAK_ADMIN_PASSWORD!), 'prefect', client, {});
      }
    }, 120_000);
  });
}
