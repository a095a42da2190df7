/**
 * Every stack file that says how to re-render says the same command, and it
 * works as printed, from the stack's folder: it re-renders that stack in
 * place (no second stack beside it) and changes nothing when the spec did not.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

it('the re-render command NEXT_STEPS.md, docker-compose.yml and the spec print works as printed, in the stack folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-rerender-'));
  const stack = join(dir, 'stack');
  expect((await runCli(['init', '--preset', 'local', '--out', stack])).code).toBe(0);
  const said = ['NEXT_STEPS.md', 'docker-compose.yml', 'prefect-secure.yaml'].map((file) => /npx prefect-secure (render)\b/.exec(readFileSync(join(stack, file), 'utf8'))?.[1]);
  expect(said).toEqual(['render', 'render', 'render']);
  const before = readdirSync(stack).sort();
  const check = await runCli(['render', '--check'], { cwd: stack });
  expect(check.code, check.stdout + check.stderr).toBe(0);
  const run = await runCli(['render'], { cwd: stack });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(readdirSync(stack).sort()).toEqual(before);
  expect(existsSync(join(stack, 'prefect-stack'))).toBe(false);
});

it('machineAccess.type: none, then as NEXT_STEPS says: "set machineAccess.type: basic in prefect-secure.yaml and run npx prefect-secure render in this folder"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-none-to-basic-'));
  const stack = join(dir, 'stack');
  expect((await runCli(['init', '--preset', 'local', '--set', 'machineAccess.type=none', '--out', stack])).code).toBe(0);
  const steps = readFileSync(join(stack, 'NEXT_STEPS.md'), 'utf8').replace(/\s+/g, ' ');
  expect(steps).toContain('set `machineAccess.type: basic` in `prefect-secure.yaml` and run `npx prefect-secure render` in this folder');
  expect(existsSync(join(stack, 'proxy', 'htpasswd'))).toBe(false);

  const spec = readFileSync(join(stack, 'prefect-secure.yaml'), 'utf8');
  expect(spec).toMatch(/^ {2}type: none$/m);
  writeFileSync(join(stack, 'prefect-secure.yaml'), spec.replace(/^ {2}type: none$/m, '  type: basic'));
  const rendered = await runCli(['render'], { cwd: stack });
  expect(rendered.code, rendered.stdout + rendered.stderr).toBe(0);

  // The credential is back everywhere: hashes for nginx, passwords in .env and the profiles, and doctor finds nothing.
  expect(existsSync(join(stack, 'proxy', 'htpasswd'))).toBe(true);
  expect(readFileSync(join(stack, 'proxy', 'nginx.conf'), 'utf8')).toContain('auth_basic "Prefect API";');
  expect(readFileSync(join(stack, '.env'), 'utf8')).toMatch(/^PREFECT_MACHINE_CI_PASSWORD=/m);
  expect(readFileSync(join(stack, 'prefect', 'profiles.toml'), 'utf8')).toContain('PREFECT_API_AUTH_STRING');
  expect(readFileSync(join(stack, 'NEXT_STEPS.md'), 'utf8')).not.toContain('The API has no credential');
  const doctor = await runCli(['doctor', stack, '--json']);
  expect((JSON.parse(doctor.stdout) as { findings: unknown[] }).findings).toEqual([]);
});

it('a client secret the provider issued: rotate refuses it and says how to put a new one in; that, run as printed, puts it in .env', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-new-provider-secret-'));
  const stack = join(dir, 'stack');
  const flags = ['--idp', 'keycloak', '--set', 'identityProvider.bundled=false', '--set', 'identityProvider.url=https://sso.example.com', '--set', 'identityProvider.realm=staff', '--set', 'identityProvider.clientSecret=env:SSO_CLIENT_SECRET'];
  const first = 'first-secret-from-the-provider-0123456789';
  expect((await runCli(['init', '--yes', '--target', 'server', '--ui-host', 'prefect.example.com', '--machine-host', 'prefect-api.example.com', ...flags, '--out', stack], { env: { CI: 'true', SSO_CLIENT_SECRET: first } })).code).toBe(0);
  expect(readFileSync(join(stack, '.env'), 'utf8')).toContain(`OAUTH2_PROXY_CLIENT_SECRET=${first}`);

  const refused = await runCli(['rotate', 'client-secret'], { cwd: stack });
  expect(refused.code).toBe(2);
  const said = refused.stderr.replace(/\s*\n\s*/g, ' ');
  expect(said).toContain('create a new secret there, then export SSO_CLIENT_SECRET=<the new secret> and run prefect-secure render');

  // As printed: export the new secret, then render (in the stack folder).
  const second = 'second-secret-from-the-provider-987654321';
  const rendered = await runCli(['render'], { cwd: stack, env: { SSO_CLIENT_SECRET: second } });
  expect(rendered.code, rendered.stdout + rendered.stderr).toBe(0);
  expect(readFileSync(join(stack, '.env'), 'utf8')).toContain(`OAUTH2_PROXY_CLIENT_SECRET=${second}`);
  expect(rendered.stdout).toContain('docker compose up -d');
  expect(rendered.stdout + rendered.stderr).not.toContain(second);
});
