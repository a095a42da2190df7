import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { identityDetails } from '../../../src/wizard/steps/identityDetails.js';
import { ctrlC, DEFAULT, probe } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

const KEYCLOAK = { identityProvider: { type: 'keycloak' as const } };

describe('identity provider details step', () => {
  it('the bundled Keycloak: asks which Keycloak, the realm, then the allowed roles, with the schema defaults', async () => {
    const { ctx, prompt, log } = await runStep(identityDetails, KEYCLOAK, [
      [q.bundled, DEFAULT],
      [q.realm, DEFAULT],
      [q.allowedRoles, DEFAULT],
    ]);
    expect(prompt.asked.map((a) => [a.message, a.default])).toEqual([
      ['Which Keycloak?', 'true'],
      ['Keycloak realm', 'prefect'],
      ['Roles allowed to sign in (comma-separated)', 'prefect-user'],
    ]);
    expect(ctx.draft.identityProvider).toEqual({ type: 'keycloak', bundled: true, realm: 'prefect', allowedRoles: ['prefect-user'] });
    expect(log).toEqual([
      '  Keycloak: bundled in the stack (true), or your own at a URL (false).',
      '? Which Keycloak?',
      '  Keycloak realm; the issuer ends in /realms/<realm>.',
      '? Keycloak realm',
      '  Roles allowed to sign in (Keycloak realm roles, Entra app roles, Auth0).',
      '? Roles allowed to sign in (comma-separated)',
    ]);
  });

  it('takes a custom realm and splits the roles on commas', async () => {
    const { ctx } = await runStep(identityDetails, KEYCLOAK, [
      [q.bundled, DEFAULT],
      [q.realm, 'data'],
      [q.allowedRoles, ' analysts, ops ,,admins '],
    ]);
    expect(ctx.draft.identityProvider).toEqual({ type: 'keycloak', bundled: true, realm: 'data', allowedRoles: ['analysts', 'ops', 'admins'] });
  });

  it('your own Keycloak: asks its URL, the realm, the client and its secret as env:NAME', async () => {
    const { ctx, prompt } = await runStep(identityDetails, KEYCLOAK, [
      [q.bundled, 'false'],
      [q.idpUrl, 'https://sso.example.com/'],
      [q.realm, 'staff'],
      [q.clientId, DEFAULT],
      [q.clientSecret, 'env:SSO_CLIENT_SECRET'],
      [q.allowedRoles, 'prefect-user'],
    ]);
    expect(prompt.messages()).toEqual([q.bundled, q.idpUrl, q.realm, q.clientId, q.clientSecret, q.allowedRoles]);
    expect(ctx.draft.identityProvider).toEqual({
      type: 'keycloak', bundled: false, url: 'https://sso.example.com/', realm: 'staff', clientId: 'prefect', clientSecret: 'env:SSO_CLIENT_SECRET', allowedRoles: ['prefect-user'],
    });
  });

  it('Okta: the domain, the authorization server (default "default"), the client, its secret and the groups', async () => {
    const { ctx, prompt } = await runStep(identityDetails, { identityProvider: { type: 'okta' } as never }, [
      [q.domain, 'example.okta.com'],
      [q.authorizationServer, DEFAULT],
      [q.clientId, '0oa1b2c3'],
      [q.clientSecret, 'env:OKTA_SECRET'],
      [q.allowedGroups, 'Prefect Users, Data'],
    ]);
    expect(prompt.asked.map((a) => [a.message, a.default])).toEqual([
      [q.domain, undefined],
      [q.authorizationServer, 'default'],
      [q.clientId, undefined],
      [q.clientSecret, undefined],
      [q.allowedGroups, undefined],
    ]);
    expect(ctx.draft.identityProvider).toEqual({
      type: 'okta', domain: 'example.okta.com', authorizationServer: 'default', clientId: '0oa1b2c3', clientSecret: 'env:OKTA_SECRET', allowedGroups: ['Prefect Users', 'Data'],
    });
  });

  it('GitHub: the client, its secret and the organization; GitLab: its URL (default gitlab.com) and groups', async () => {
    const gh = await runStep(identityDetails, { identityProvider: { type: 'github' } as never }, [
      [q.clientId, 'Iv1.0123456789abcdef'],
      [q.clientSecret, 'env:GH_SECRET'],
      [q.org, 'acme'],
    ]);
    expect(gh.prompt.messages()).toEqual([q.clientId, q.clientSecret, q.org]);
    const gl = await runStep(identityDetails, { identityProvider: { type: 'gitlab' } as never }, [
      [q.idpUrl, DEFAULT],
      [q.clientId, 'abc'],
      [q.clientSecret, 'env:GL_SECRET'],
      [q.gitlabGroups, 'acme/data'],
    ]);
    expect(gl.prompt.asked[0]).toMatchObject({ message: q.idpUrl, default: 'https://gitlab.com' });
    expect(gl.ctx.draft.identityProvider).toEqual({ type: 'gitlab', url: 'https://gitlab.com', clientId: 'abc', clientSecret: 'env:GL_SECRET', groups: ['acme/data'] });
  });

  it("shows the schema's messages for a bad realm, a bad role, no role, a secret typed in, and a tenant that is not a GUID", async () => {
    const realm = new Map<unknown, true | string>();
    const roles = new Map<unknown, true | string>();
    await runStep(identityDetails, KEYCLOAK, [
      [q.bundled, DEFAULT],
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

    const secret = new Map<unknown, true | string>();
    const tenant = new Map<unknown, true | string>();
    await runStep(identityDetails, { identityProvider: { type: 'okta', domain: 'example.okta.com', authorizationServer: 'default', clientId: '0oa1' } as never }, [
      [q.clientSecret, probe(['s3cr3t-typed-in', 'env:OKTA_SECRET'], secret, 'env:OKTA_SECRET')],
      [q.allowedGroups, 'Prefect Users'],
    ]);
    expect(secret.get('s3cr3t-typed-in')).toBe('must be env:NAME (an upper-case environment variable): secrets never live in the spec');
    expect(secret.get('env:OKTA_SECRET')).toBe(true);
    // Entra ID on the local target is refused as a whole (the provider step disables it); its tenant ID still reads its own rule.
    const entra = await runStep(identityDetails, { identityProvider: { type: 'entra' } as never }, [
      [q.tenantId, probe(['contoso.onmicrosoft.com'], tenant, ctrlC())],
    ]).catch((error: Error) => error);
    expect(entra).toBeInstanceOf(Error);
    expect(tenant.get('contoso.onmicrosoft.com')).toMatch(/^must be the Directory \(tenant\) ID, a GUID/);
  });

  it('asks only what the draft lacks (--realm given)', async () => {
    const { prompt, ctx } = await runStep(identityDetails, { identityProvider: { type: 'keycloak', bundled: true, realm: 'ops' } }, [[q.allowedRoles, 'ops-team']]);
    expect(prompt.messages()).toEqual([q.allowedRoles]);
    expect(ctx.draft.identityProvider).toEqual({ type: 'keycloak', bundled: true, realm: 'ops', allowedRoles: ['ops-team'] });
  });

  it('an unset provider is the default, Keycloak', async () => {
    const unset = await runStep(identityDetails, {}, [[q.bundled, DEFAULT], [q.realm, DEFAULT], [q.allowedRoles, DEFAULT]]);
    expect(unset.prompt.messages()).toEqual([q.bundled, q.realm, q.allowedRoles]);
  });
});
