import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { keycloak } from '../../../src/wizard/steps/keycloak.js';
import { DEFAULT, probe } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

const KEYCLOAK = { identityProvider: { type: 'keycloak' as const } };

describe('Keycloak details step', () => {
  it('asks the realm, then the allowed roles, with the schema defaults', async () => {
    const { ctx, prompt, log } = await runStep(keycloak, KEYCLOAK, [
      [q.realm, DEFAULT],
      [q.allowedRoles, DEFAULT],
    ]);
    expect(prompt.asked.map((a) => [a.message, a.default])).toEqual([
      ['Keycloak realm', 'prefect'],
      ['Realm roles allowed to sign in (comma-separated)', 'prefect-user'],
    ]);
    expect(ctx.draft.identityProvider).toEqual({ type: 'keycloak', realm: 'prefect', allowedRoles: ['prefect-user'] });
    expect(log).toEqual([
      '  Keycloak realm; the issuer ends in /realms/<realm>.',
      '? Keycloak realm',
      '  Realm roles allowed to sign in; the demo user gets the first.',
      '? Realm roles allowed to sign in (comma-separated)',
    ]);
  });

  it('takes a custom realm and splits the roles on commas', async () => {
    const { ctx } = await runStep(keycloak, KEYCLOAK, [
      [q.realm, 'data'],
      [q.allowedRoles, ' analysts, ops ,,admins '],
    ]);
    expect(ctx.draft.identityProvider).toEqual({ type: 'keycloak', realm: 'data', allowedRoles: ['analysts', 'ops', 'admins'] });
  });

  it("shows the schema's messages for a bad realm, a bad role and no role", async () => {
    const realm = new Map<unknown, true | string>();
    const roles = new Map<unknown, true | string>();
    await runStep(keycloak, KEYCLOAK, [
      [q.realm, probe(['My Realm'], realm)],
      [q.allowedRoles, probe(['users, Admins', ' , ', 'users,users'], roles)],
    ]);
    expect(realm.get('My Realm')).toBe(
      "must start with a lowercase letter and hold only lowercase letters, digits, '-' and '_' (at most 63), e.g. prefect",
    );
    expect(roles.get('users, Admins')).toBe(
      `"Admins" must start with a lowercase letter and hold only lowercase letters, digits, '-' and '_' (at most 63), e.g. prefect-user`,
    );
    expect(roles.get(' , ')).toBe('must name at least one realm role: without one, every account of the realm gets in');
    // Duplicates are not a rule of the spec; they are accepted as the spec accepts them.
    expect(roles.get('users,users')).toBe(true);
  });

  it('asks only what the draft lacks (--realm given)', async () => {
    const { prompt, ctx } = await runStep(keycloak, { identityProvider: { type: 'keycloak', realm: 'ops' } }, [[q.allowedRoles, 'ops-team']]);
    expect(prompt.messages()).toEqual([q.allowedRoles]);
    expect(ctx.draft.identityProvider).toEqual({ type: 'keycloak', realm: 'ops', allowedRoles: ['ops-team'] });
  });

  it('asks nothing when the provider is not Keycloak (nothing else exists yet); an unset one is the default, Keycloak', async () => {
    expect((await runStep(keycloak, { identityProvider: { type: 'okta' } as never }, [])).prompt.asked).toEqual([]);
    const unset = await runStep(keycloak, {}, [[q.realm, DEFAULT], [q.allowedRoles, DEFAULT]]);
    expect(unset.prompt.messages()).toEqual([q.realm, q.allowedRoles]);
  });
});
