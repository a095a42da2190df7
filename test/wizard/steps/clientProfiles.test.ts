import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { clientProfiles } from '../../../src/wizard/steps/clientProfiles.js';
import { DEFAULT, probe } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

const USERS = { machineAccess: { users: ['ci', { name: 'deploy', password: 'env:DEPLOY_PASSWORD' }] } };

describe('client profiles step', () => {
  it('offers every machine user, checked when its password is generated (the schema default)', async () => {
    const { ctx, prompt, log } = await runStep(clientProfiles, USERS, [[q.profiles, DEFAULT]]);
    expect(prompt.asked[0]).toMatchObject({ kind: 'checkbox', message: 'Client profiles to write' });
    expect(prompt.asked[0]!.choices).toEqual([
      { name: 'ci', value: 'ci', checked: true },
      { name: 'deploy', value: 'deploy', checked: false },
    ]);
    expect(ctx.draft.clients).toEqual({ profiles: ['ci'] });
    expect(log).toEqual(['  Prefect client profiles to write (machine user names).', '? Client profiles to write']);
  });

  it('takes a subset, or none', async () => {
    expect((await runStep(clientProfiles, USERS, [[q.profiles, ['deploy']]])).ctx.draft.clients).toEqual({ profiles: ['deploy'] });
    expect((await runStep(clientProfiles, USERS, [[q.profiles, []]])).ctx.draft.clients).toEqual({ profiles: [] });
  });

  it("shows the schema's message for a profile that is not a machine user", async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(clientProfiles, USERS, [[q.profiles, probe([['nobody'], ['ci', 'ci'], ['ci']], verdicts)]]);
    const verdict = (value: string[]) => [...verdicts].find(([key]) => JSON.stringify(key) === JSON.stringify(value))?.[1];
    expect(verdict(['nobody'])).toBe(
      'names "nobody", which is not in machineAccess.users (ci, deploy): add it there or remove the profile (omit clients.profiles to write one per machine user with a generated password)',
    );
    expect(verdict(['ci', 'ci'])).toBe('must not name a profile twice');
    expect(verdict(['ci'])).toBe(true);
  });

  it('is skipped when --profiles is given', async () => {
    expect((await runStep(clientProfiles, { ...USERS, clients: { profiles: ['ci'] } }, [])).prompt.asked).toEqual([]);
  });
});
