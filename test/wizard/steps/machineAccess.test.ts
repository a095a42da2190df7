import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { machineAccess } from '../../../src/wizard/steps/machineAccess.js';
import { DEFAULT, probe } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

const IDENTIFIER_CI =
  "must start with a lowercase letter and hold only lowercase letters, digits, '-' and '_' (at most 63), e.g. ci";

describe('machine access step', () => {
  it('defaults to ci and worker with random passwords, and explains them', async () => {
    const { ctx, prompt, log } = await runStep(machineAccess, {}, [
      [q.machineUsers, DEFAULT],
      [q.chosenPasswords, DEFAULT],
    ]);
    expect(ctx.draft.machineAccess).toEqual({ users: ['ci', 'worker'] });
    expect(prompt.asked.map((a) => [a.kind, a.message, a.default])).toEqual([
      ['input', 'Machine users (comma-separated)', 'ci, worker'],
      ['confirm', 'Give any of them a password you chose instead?', false],
    ]);
    expect(log).toEqual([
      '  Machine users for workers and CI; each gets a random password (or env:NAME).',
      '  The passwords are 256-bit random, generated into .env and never printed.',
      '? Machine users (comma-separated)',
      '  Recommended: no. A chosen password is read from an environment variable',
      '  when the stack is rendered; prefect-secure never asks for it or stores it.',
      '? Give any of them a password you chose instead?',
    ]);
  });

  it('splits custom users on commas', async () => {
    const { ctx } = await runStep(machineAccess, {}, [
      [q.machineUsers, 'deploy ,  etl-worker,'],
      [q.chosenPasswords, false],
    ]);
    expect(ctx.draft.machineAccess).toEqual({ users: ['deploy', 'etl-worker'] });
  });

  it("shows the schema's messages for a bad name, no user, a repeated user", async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(machineAccess, {}, [
      [q.machineUsers, probe(['ci, CI-Bot', '', ' ,', 'ci, ci', 'a-b, a_b'], verdicts)],
      [q.chosenPasswords, false],
    ]);
    expect(verdicts.get('ci, CI-Bot')).toBe(`"CI-Bot" ${IDENTIFIER_CI}`);
    expect(verdicts.get('')).toBe('must name at least one machine user, e.g. [ci, worker]');
    expect(verdicts.get(' ,')).toBe('must name at least one machine user, e.g. [ci, worker]');
    expect(verdicts.get('ci, ci')).toBe('must not name a user twice');
    expect(verdicts.get('a-b, a_b')).toBe('must not hold names that differ only in "-" versus "_"');
  });

  it('takes a person-chosen password only as an env:NAME reference, per user; empty keeps the random one', async () => {
    const { ctx, prompt, log } = await runStep(
      machineAccess,
      {},
      [
        [q.machineUsers, 'ci, worker'],
        [q.chosenPasswords, true],
        [q.passwordRef('ci'), 'env:CI_MACHINE_PASSWORD'],
        [q.passwordRef('worker'), DEFAULT],
      ],
      { env: { CI_MACHINE_PASSWORD: 'not-a-real-secret' } },
    );
    expect(ctx.draft.machineAccess).toEqual({ users: [{ name: 'ci', password: 'env:CI_MACHINE_PASSWORD' }, 'worker'] });
    expect(prompt.messages().slice(2)).toEqual(['Password of "ci" as env:NAME (empty: random)', 'Password of "worker" as env:NAME (empty: random)']);
    // No question has a default that could carry a secret, and none asks for the value itself.
    expect(prompt.asked.slice(2).every((a) => a.kind === 'input' && a.default === undefined)).toBe(true);
    expect(JSON.stringify(ctx.draft)).not.toContain('not-a-real-secret');
    expect(log.join('\n')).not.toContain('not-a-real-secret');
    expect(log).toContain('  Name the variable that holds it, e.g. env:CI_PASSWORD; empty: random.');
  });

  it("refuses a literal password with the schema's message, and a variable that is not set", async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(
      machineAccess,
      {},
      [
        [q.machineUsers, 'ci'],
        [q.chosenPasswords, true],
        [q.passwordRef('ci'), probe(['hunter2', 'env:lower', 'env:UNSET_VAR', 'env:SHORT', 'env:SET_VAR', ''], verdicts)],
      ],
      { env: { SET_VAR: 'a long enough password', SHORT: 'hunter2', EMPTY: '' } },
    );
    expect(verdicts.get('hunter2')).toBe('must be env:NAME (an upper-case environment variable): secrets never live in the spec');
    expect(verdicts.get('env:lower')).toBe('must be env:NAME (an upper-case environment variable): secrets never live in the spec');
    expect(verdicts.get('env:UNSET_VAR')).toBe(
      'the environment variable UNSET_VAR is not set in this shell: export it first, or leave this empty for a random password',
    );
    expect(verdicts.get('env:SHORT')).toBe('the password in SHORT has 7 characters; a machine password needs at least 16');
    expect(verdicts.get('env:SET_VAR')).toBe(true);
    expect(verdicts.get('')).toBe(true);
  });

  it('checks the users against client profiles a flag set (--profiles)', async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(machineAccess, { clients: { profiles: ['deploy'] } }, [
      [q.machineUsers, probe(['ci', 'ci, deploy'], verdicts, 'ci, deploy')],
      [q.chosenPasswords, false],
    ]);
    expect(verdicts.get('ci')).toBe(
      'clashes with clients.profiles (already set), which names "deploy", which is not in machineAccess.users (ci): add it there or remove the profile (omit clients.profiles to write one per machine user with a generated password)',
    );
    expect(verdicts.get('ci, deploy')).toBe(true);
  });

  it('is skipped, passwords included, when the draft has users (--machine-users)', async () => {
    const { prompt, ctx } = await runStep(machineAccess, { machineAccess: { users: ['deploy'] } }, []);
    expect(prompt.asked).toEqual([]);
    expect(ctx.draft.machineAccess).toEqual({ users: ['deploy'] });
  });
});
