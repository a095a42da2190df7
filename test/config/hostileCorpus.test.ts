/**
 * A hostile-input corpus through every string field of the spec: newlines,
 * quotes, `$`, `${VAR}`, `{{ }}`, NUL, control and bidi characters, shell
 * syntax, very long values. Each value is refused naming its field, or it
 * renders inert: every rendered file parses again to the structure the
 * plain stack has (no injected compose key, realm key, profile or setting)
 * and the real nginx accepts the config (`nginx -t`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PRESETS } from '../../src/config/presets.js';
import type { SpecInput } from '../../src/config/schema.js';
import { UserError } from '../../src/errors.js';
import type { Generated } from '../../src/generate.js';
import { nginxTest } from '../helpers/nginx.js';
import { fileText, renderLocal } from '../helpers/stack.js';
import { needTools } from '../helpers/tools.js';
import { HOSTILE } from './hostileValues.js';


/** Every string a person can type into the spec, as a path and a way to put a value there. */
const FIELDS: [string, (spec: SpecInput, value: string) => SpecInput][] = [
  ['name', (s, v) => ({ ...s, name: v })],
  ['hosts.ui', (s, v) => ({ ...s, hosts: { ...s.hosts, ui: v } })],
  ['hosts.machine', (s, v) => ({ ...s, hosts: { ...s.hosts, machine: v } })],
  ['hosts.idp', (s, v) => ({ ...s, hosts: { ...s.hosts, idp: v } })],
  ['hosts.bind', (s, v) => ({ ...s, hosts: { ...s.hosts, bind: v } })],
  ['identityProvider.realm', (s, v) => ({ ...s, identityProvider: { ...s.identityProvider, realm: v } as SpecInput['identityProvider'] })],
  ['identityProvider.clientId', (s, v) => ({ ...s, identityProvider: { ...s.identityProvider, clientId: v } as SpecInput['identityProvider'] })],
  ['identityProvider.demoUser', (s, v) => ({ ...s, identityProvider: { ...s.identityProvider, demoUser: v } as SpecInput['identityProvider'] })],
  ['identityProvider.allowedRoles', (s, v) => ({ ...s, identityProvider: { ...s.identityProvider, allowedRoles: [v] } as SpecInput['identityProvider'] })],
  ['machineAccess.users', (s, v) => ({ ...s, machineAccess: { users: [v, 'worker'] }, clients: { profiles: ['worker'] } })],
  ['machineAccess.users', (s, v) => ({ ...s, machineAccess: { users: ['ci', { name: 'ops', password: v }] } })],
  ['prefect.version', (s, v) => ({ ...s, prefect: { ...s.prefect, version: v } })],
  ['prefect.image', (s, v) => ({ ...s, prefect: { ...s.prefect, image: v } })],
  ['prefect.python', (s, v) => ({ ...s, prefect: { ...s.prefect, python: v } })],
  ['database.version', (s, v) => ({ ...s, database: { ...s.database, version: v } as SpecInput['database'] })],
  ['clients.profiles', (s, v) => ({ ...s, clients: { profiles: [v] } })],
];

const tools = needTools('nginx');

/** The shape of the rendered files that input must never change: keys, not values. */
function shape(stack: Generated) {
  const compose = parseYaml(fileText(stack, 'docker-compose.yml')) as { services: Record<string, Record<string, unknown>> };
  const realmFile = [...stack.files.keys()].find((p) => p.startsWith('keycloak/'))!;
  const realm = JSON.parse(fileText(stack, realmFile)) as Record<string, unknown>;
  const profiles = parseToml(fileText(stack, 'prefect/profiles.toml')) as { profiles: Record<string, Record<string, unknown>> };
  const oauth2 = parseToml(fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg'));
  return {
    services: Object.fromEntries(Object.entries(compose.services).map(([name, s]) => [name, Object.keys(s).sort()])),
    realm: Object.keys(realm).sort(),
    profileKeys: Object.values(profiles.profiles).map((p) => Object.keys(p).sort()),
    oauth2: Object.keys(oauth2).sort(),
    files: [...stack.files.keys()].filter((p) => !p.startsWith('keycloak/')).sort(),
  };
}

tools.describe('hostile values in every spec field', () => {
  const baseline = shape(renderLocal(PRESETS.local, 'corpus'));
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-corpus-'));

  it.each(FIELDS.map(([path, put], i) => [`${path}#${i}`, path, put] as const))('%s: refused naming the field, or rendered inert', (_label, path, put) => {
    let refused = 0;
    let inert = 0;
    for (const value of HOSTILE) {
      const input = put(structuredClone(PRESETS.local), value);
      let stack: Generated;
      try {
        stack = renderLocal(input, 'corpus', { CHOSEN: 'a-password-of-twenty-chars' });
      } catch (error) {
        if (!(error instanceof UserError)) throw new Error(`${path} = ${JSON.stringify(value)}: ${(error as Error).stack}`);
        expect(error.problems.some((p) => p.path === path || p.path.startsWith(`${path}[`) || p.path.startsWith(`${path}.`)), `${path} = ${JSON.stringify(value)}: ${JSON.stringify(error.problems)}`).toBe(true);
        refused++;
        continue;
      }
      const rendered = shape(stack);
      expect(rendered.services, `${path} = ${JSON.stringify(value)}`).toEqual(baseline.services);
      expect(rendered.realm).toEqual(baseline.realm);
      expect(rendered.profileKeys.every((keys) => keys.join() === baseline.profileKeys[0]!.join())).toBe(true);
      expect(rendered.oauth2).toEqual(baseline.oauth2);
      const conf = join(dir, 'nginx.conf');
      writeFileSync(conf, fileText(stack, 'proxy/nginx.conf'));
      const result = nginxTest(conf, tools.path('nginx'));
      expect(result.ok, `${path} = ${JSON.stringify(value)}\n${result.output}`).toBe(true);
      inert++;
    }
    expect(refused + inert).toBe(HOSTILE.length);
  }, 120_000);
});
