/**
 * What an omitted key becomes. A person writes only what differs from the
 * defaults; a partial mapping takes the defaults of the keys it leaves out.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';

describe('spec defaults', () => {
  it('takes an identity provider mapping without its type as the default kind', () => {
    const spec = parseSpec('version: 1\nidentityProvider: {realm: team}\n');
    expect(spec.identityProvider).toMatchObject({ type: 'keycloak', realm: 'team', clientId: 'prefect' });
  });

  it('writes one client profile per machine user with a generated password when clients.profiles is omitted', () => {
    expect(parseSpec('version: 1\nmachineAccess: {users: [ci]}\n').clients.profiles).toEqual(['ci']);
    expect(parseSpec('version: 1\nmachineAccess: {users: [deploy, {name: ops, password: env:OPS_PW}]}\n').clients.profiles).toEqual(['deploy']);
    expect(parseSpec('version: 1\nmachineAccess: {users: [ci, worker]}\nclients: {profiles: [worker]}\n').clients.profiles).toEqual(['worker']);
  });

  it('accepts Prefect 3.4.8 and newer, compared as numbers', () => {
    for (const version of ['3.4.8', '3.4.10', '3.10.0']) expect(parseSpec(`version: 1\nprefect: {version: "${version}"}\n`).prefect.version).toBe(version);
  });

  it('--machine-users alone renders, with --yes and on the preset, each user with a profile', async () => {
    for (const base of [['--yes'], ['--preset', 'local']]) {
      const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-defaults-'));
      const result = await runCli(['init', ...base, '--machine-users', 'deploy', '--out', 'stack'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const profiles = readFileSync(join(dir, 'stack', 'prefect', 'profiles.toml'), 'utf8');
      expect(profiles).toContain('[profiles.deploy]');
      expect(profiles).not.toContain('[profiles.worker]');
    }
  });
});
