/** init without questions: flags, --set, --yes, --json, and never a prompt in CI. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runInit } from '../../src/commands/init.js';
import { UserError } from '../../src/errors.js';
import { everAsked, SPEC_FIELDS } from '../../src/config/fields.js';
import { runCli } from '../helpers/cli.js';
import { memoryIo } from '../helpers/io.js';

const work = () => mkdtempSync(join(tmpdir(), 'prefect-secure-ni-'));

describe('non-interactive init', () => {
  it('lists every unset field at once, with the flag that sets it, exits 2 and writes nothing', async () => {
    const dir = work();
    const result = await runCli(['init', '--port', '9000', '--out', 'stack'], { cwd: dir });
    expect(result.code).toBe(2);
    const expected = SPEC_FIELDS.filter((f) => everAsked(f) && f.path !== 'hosts.port');
    const stderr = result.stderr.replace(/\s*\n\s*/g, ' ');
    expect(stderr).toContain(`error: ${expected.length} problems in the command line; nothing was written.`);
    for (const field of expected) expect(stderr).toContain(`${field.flag ?? field.path}${field.flag && !field.flag.endsWith(field.path) ? ` (${field.path})` : ''}: is not set, and there is no terminal to ask in`);
    // Defaults are shown as they are typed, and a derived one says what it follows.
    expect(stderr).toContain('add --yes to accept the default (ci,worker)');
    expect(stderr).toContain('add --yes to accept the default (one per machine user with a generated password)');
    expect(stderr).toContain('fix: pass --ui-host <value> (or --set hosts.ui=<value>), give --config or --preset, or add --yes to accept the default (prefect.localtest.me)');
    expect(stderr).toContain('fix: pass --set identityProvider.allowedRoles=<value>');
    expect(stderr).not.toContain('hosts.port');
    expect(stderr).not.toContain('the command line hosts');
    expect(existsSync(join(dir, 'stack'))).toBe(false);
  });

  it('never prompts when CI=true, even in a terminal', async () => {
    const dir = work();
    const run = memoryIo(dir, { isTTY: true, env: { CI: 'true' } });
    const wizard = async () => {
      throw new Error('the wizard must not run in CI');
    };
    await expect(runInit({ out: 'stack', fields: {} }, run.io, { wizard })).rejects.toThrow(UserError);
    await expect(runInit({ out: 'stack', fields: {} }, run.io, { wizard })).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ path: 'target', message: 'is not set, and CI=true forbids prompting' })]),
    });
    expect(existsSync(join(dir, 'stack'))).toBe(false);
  });

  it('asks the wizard only in a terminal, only for what flags left unset', async () => {
    const dir = work();
    const run = memoryIo(dir, { isTTY: true });
    let seen: Record<string, unknown> | undefined;
    const wizard = async (draft: Record<string, unknown>) => {
      seen = draft;
      return undefined; // the person backs out
    };
    expect(await runInit({ out: 'stack', fields: { port: 9000, realm: 'team' } }, run.io, { wizard })).toBe(1);
    expect(seen).toEqual({ version: 1, hosts: { port: 9000 }, identityProvider: { realm: 'team' } });
    expect(run.stderr()).toContain('Stopped; nothing was written.');
    expect(existsSync(join(dir, 'stack'))).toBe(false);
  });

  it('--yes accepts defaults; flags and --set (nested, typed) land in the spec', async () => {
    const dir = work();
    const result = await runCli(
      ['init', '--yes', '--realm', 'team', '--machine-users', 'ci,deploy', '--profiles', 'deploy', '--set', 'hosts.port=9000', '--set', 'identityProvider.allowedRoles=[ops, admins]', '--out', 'stack'],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    const spec = parseYaml(readFileSync(join(dir, 'stack', 'prefect-secure.yaml'), 'utf8'));
    expect(spec.hosts.port).toBe(9000);
    expect(spec.identityProvider).toMatchObject({ realm: 'team', allowedRoles: ['ops', 'admins'] });
    expect(spec.machineAccess.users).toEqual(['ci', 'deploy']);
    expect(spec.clients.profiles).toEqual(['deploy']);
    expect(readFileSync(join(dir, 'stack', 'oauth2-proxy', 'oauth2-proxy.cfg'), 'utf8')).toContain('allowed_roles = ["ops", "admins"]');
  });

  it('reports a bad --set value with the schema message, and an unknown path with a suggestion', async () => {
    const dir = work();
    const result = await runCli(['init', '--preset', 'local', '--set', 'hosts.port=70000', '--set', 'hosts.prot=1', '--out', 'stack'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port (hosts.port): 70000 must be between 1 and 65535');
    expect(result.stderr).toContain('hosts.prot: is not a known key of hosts');
    expect(result.stderr).toContain('did you mean "port"?');
    expect(existsSync(join(dir, 'stack'))).toBe(false);
  });

  it('--json prints a machine-readable result without secrets', async () => {
    const dir = work();
    const result = await runCli(['init', '--preset', 'local', '--json', '--out', 'stack'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, project: 'prefect', urls: { ui: 'http://prefect.localtest.me:8080' } });
    expect(report.files).toContainEqual({ path: '.env', mode: '0600', secret: true, action: 'create' });
    expect(report.nextSteps[0]).toBe('cd stack && docker compose up -d');
    const env = readFileSync(join(dir, 'stack', '.env'), 'utf8');
    for (const line of env.split('\n').filter((l) => /^[A-Z]/.test(l))) expect(result.stdout.includes(line.split('=')[1]!)).toBe(false);
  });

  it('--json reports bad input as JSON on stdout too, with exit 2', async () => {
    const dir = work();
    const result = await runCli(['init', '--preset', 'local', '--set', 'hosts.port=0', '--json', '--out', 'stack'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      source: 'the command line',
      problems: [{ path: 'hosts.port', flag: '--port', message: '0 must be between 1 and 65535' }],
    });
    expect(existsSync(join(dir, 'stack'))).toBe(false);
  });

  it('flags, a spec file and the same answers give identical stacks (apart from secrets)', async () => {
    const dir = work();
    const viaFlags = await runCli(['init', '--yes', '--port', '9100', '--realm', 'team', '--out', 'a'], { cwd: dir });
    const specText = 'version: 1\nhosts:\n  port: 9100\nidentityProvider:\n  type: keycloak\n  realm: team\n';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'answers.yaml'), specText);
    const viaFile = await runCli(['init', '--config', 'answers.yaml', '--out', 'b'], { cwd: dir });
    expect([viaFlags.code, viaFile.code]).toEqual([0, 0]);
    for (const path of ['prefect-secure.yaml', 'docker-compose.yml', 'proxy/nginx.conf', 'oauth2-proxy/oauth2-proxy.cfg', 'keycloak/team-realm.json', 'NEXT_STEPS.md', 'prefect/prefect.toml']) {
      expect(readFileSync(join(dir, 'a', path), 'utf8'), path).toBe(readFileSync(join(dir, 'b', path), 'utf8'));
    }
  });
});

describe('init in a terminal', () => {
  it('reports a bad flag before asking anything', async () => {
    const dir = work();
    const run = memoryIo(dir, { isTTY: true });
    let asked = false;
    const wizard = async () => {
      asked = true;
      return undefined;
    };
    await expect(runInit({ out: 'stack', fields: { uiHost: 'https://x.localtest.me', port: 70000 } }, run.io, { wizard })).rejects.toMatchObject({
      problems: [
        expect.objectContaining({ path: 'hosts.ui', message: expect.stringContaining('must be a bare hostname, not a URL') }),
        expect.objectContaining({ path: 'hosts.port', flag: '--port', message: '70000 must be between 1 and 65535' }),
      ],
    });
    expect(asked).toBe(false);
  });
});
