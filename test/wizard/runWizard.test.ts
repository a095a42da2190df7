import { describe, expect, it, vi } from 'vitest';
import { validateSpec } from '../../src/config/load.js';
import { everAsked, getPath, SPEC_FIELDS } from '../../src/config/fields.js';
import type { SpecInput } from '../../src/config/schema.js';
import { runWizard, type WizardContext } from '../../src/wizard/index.js';
import { questions as q } from '../../src/wizard/messages.js';
import { memoryIo } from './helpers/memoryIo.js';
import { ctrlC, DEFAULT, mockPrompt, type Script } from './helpers/mockPrompt.js';
import { ALL_DEFAULTS, CUSTOM_ANSWERS, withAnswers, withChosenPasswords } from './helpers/script.js';

const SUMMARY = 'Will write 14 files into ./stack';

async function run(script: Script, draft: WizardContext['draft'] = {}, options: { env?: NodeJS.ProcessEnv; color?: boolean } = {}) {
  const log: string[] = [];
  const prompt = mockPrompt(script, log);
  const io = memoryIo({ log, ...options });
  const summary = vi.fn((_: SpecInput) => SUMMARY);
  const result = await runWizard({ draft, prompt, io }, summary);
  return { result, prompt, io, log, summary };
}

const DEFAULT_SPEC: SpecInput = {
  version: 1,
  target: 'local',
  name: 'prefect',
  hosts: { ui: 'prefect.localtest.me', machine: 'prefect-api.localtest.me', idp: 'keycloak.localtest.me', port: 8080 },
  identityProvider: { type: 'keycloak', bundled: true, realm: 'prefect', allowedRoles: ['prefect-user'] },
  proxy: { type: 'nginx' },
  machineAccess: { users: ['ci', 'worker'] },
  database: { type: 'postgres', version: '17' },
  prefect: { version: '3.8.3' },
  clients: { profiles: ['ci', 'worker'] },
};

describe('runWizard', () => {
  it('with every default: asks every question in order and returns the default spec', async () => {
    const { result, prompt } = await run(ALL_DEFAULTS);
    expect(prompt.messages()).toEqual([
      'Where will the stack run?',
      'Project name',
      'Identity provider',
      'Which Keycloak?',
      'Keycloak realm',
      'Roles allowed to sign in (comma-separated)',
      'UI hostname (people, SSO)',
      'API hostname (workers, CI)',
      'Identity provider hostname',
      'Port',
      'Reverse proxy',
      'Machine users (comma-separated)',
      'Give any of them a password you chose instead?',
      'Database',
      'PostgreSQL version',
      'Prefect version',
      'Client profiles to write',
      'Write these files?',
    ]);
    expect(result).toEqual(DEFAULT_SPEC);
    // The defaults are the schema's: the same spec as giving nothing at all.
    expect(validateSpec(result)).toEqual(validateSpec({ version: 1 }));
  });

  it('asks every field of SPEC_FIELDS (the list the non-interactive mode reports)', async () => {
    const { result } = await run(ALL_DEFAULTS);
    expect(SPEC_FIELDS.filter((field) => everAsked(field) && getPath(result, field.path) === undefined)).toEqual([]);
  });

  it('prints the intro, a help line before each question, the summary before the confirm', async () => {
    const { log, summary } = await run(ALL_DEFAULTS);
    expect(log.slice(0, 3)).toEqual([
      'prefect-secure · a secure self-hosted Prefect 3 stack',
      'Enter keeps the default (in parentheses): it is the secure choice.',
      'Nothing is written before you confirm; Ctrl-C stops at any point.',
    ]);
    log.forEach((line, index) => {
      if (!line.startsWith('? ') || line === `? ${q.confirm}`) return;
      expect(log[index - 1], `help before "${line}"`).toMatch(/^ {2}\S/);
    });
    expect(log.slice(-2)).toEqual([SUMMARY, `? ${q.confirm}`]);
    expect(summary).toHaveBeenCalledOnce();
    expect(summary).toHaveBeenCalledWith(DEFAULT_SPEC);
  });

  it('returns custom answers', async () => {
    const { result } = await run(
      withAnswers({ ...CUSTOM_ANSWERS, [q.databaseVersion]: '16', [q.prefectVersion]: '3.7.0', [q.profiles]: ['deploy'] }),
    );
    expect(result).toEqual({
      version: 1,
      target: 'local',
      name: 'data-team',
      hosts: { ui: 'flows.localtest.me', machine: 'flows-api.localtest.me', idp: 'sso.localtest.me', port: 9443 },
      identityProvider: { type: 'keycloak', bundled: true, realm: 'data', allowedRoles: ['analysts', 'ops'] },
      proxy: { type: 'nginx' },
      machineAccess: { users: ['deploy', 'etl'] },
      database: { type: 'postgres', version: '16' },
      prefect: { version: '3.7.0' },
      clients: { profiles: ['deploy'] },
    });
  });

  it('asks only what flags left unset, and keeps what they set', async () => {
    const draft = { version: 1 as const, target: 'local' as const, name: 'ops', hosts: { port: 9000 }, machineAccess: { users: ['deploy'] } };
    const { result, prompt } = await run(
      ALL_DEFAULTS.filter(([message]) => ![q.target, q.name, q.port, q.machineUsers, q.chosenPasswords].includes(message as never)),
      draft,
    );
    expect(prompt.messages()).not.toContain(q.target);
    expect(prompt.messages()).not.toContain(q.port);
    expect(prompt.messages()).not.toContain(q.machineUsers);
    expect(prompt.asked.find((a) => a.message === q.profiles)!.choices).toEqual([{ name: 'deploy', value: 'deploy', checked: true }]);
    expect(result).toMatchObject({ name: 'ops', hosts: { port: 9000 }, machineAccess: { users: ['deploy'] }, clients: { profiles: ['deploy'] } });
  });

  it('with every field already set asks only the confirm', async () => {
    const { result, prompt } = await run([[q.confirm, DEFAULT]], structuredClone(DEFAULT_SPEC));
    expect(prompt.messages()).toEqual([q.confirm]);
    expect(result).toEqual(DEFAULT_SPEC);
  });

  it('adds the spec version when the draft lacks it', async () => {
    const { result } = await run([[q.confirm, DEFAULT]], (({ version: _v, ...rest }) => rest)(DEFAULT_SPEC));
    expect(result?.version).toBe(1);
  });

  it('returns undefined on a "no" at the confirm', async () => {
    const { result, summary } = await run(withAnswers({ [q.confirm]: false }));
    expect(result).toBeUndefined();
    expect(summary).toHaveBeenCalledOnce();
  });

  it.each(ALL_DEFAULTS.map(([message], index) => [message, index] as const))('returns undefined on Ctrl-C at "%s", asking nothing after', async (message, index) => {
    const script = ALL_DEFAULTS.map(([m, a], i): [string, unknown] => [m, i === index ? ctrlC() : a]);
    const { result, prompt, summary, io } = await run(script);
    expect(result).toBeUndefined();
    expect(prompt.messages().at(-1)).toBe(message);
    expect(prompt.asked).toHaveLength(index + 1);
    expect(summary).toHaveBeenCalledTimes(message === q.confirm ? 1 : 0);
    expect(io.stdout()).not.toMatch(/ExitPromptError|at .*\.ts:\d+/);
  });

  it('lets any other error through: it is a bug, not a back-out', async () => {
    await expect(run(withAnswers({ [q.realm]: new Error('boom') }))).rejects.toThrow('boom');
  });

  it('prints no colour codes when Io.color is off (NO_COLOR), and colours its help when on', async () => {
    expect((await run(ALL_DEFAULTS, {}, { color: false })).io.stdout()).not.toContain('\u001b[');
    expect((await run(ALL_DEFAULTS, {}, { color: true })).io.stdout()).toContain('\u001b[2mWhere the stack runs.\u001b[22m');
  });

  it('fits 80 columns, chosen passwords included', async () => {
    const { log, result } = await run(withChosenPasswords({ ci: DEFAULT, worker: DEFAULT }));
    expect(result).toEqual(DEFAULT_SPEC);
    for (const line of log) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('returns undefined on Ctrl-C at a password reference', async () => {
    const { result } = await run([...ALL_DEFAULTS.slice(0, ALL_DEFAULTS.findIndex(([message]) => message === q.chosenPasswords)), [q.chosenPasswords, true], [q.passwordRef('ci'), ctrlC()]]);
    expect(result).toBeUndefined();
  });
});
