import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { identityProvider } from '../../../src/wizard/steps/identityProvider.js';
import { DEFAULT } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

describe('identity provider step', () => {
  it('defaults to the bundled Keycloak, after its help line', async () => {
    const { ctx, prompt, log } = await runStep(identityProvider, {}, [[q.identityProvider, DEFAULT]]);
    expect(ctx.draft.identityProvider).toEqual({ type: 'keycloak' });
    expect(prompt.asked[0]).toMatchObject({ kind: 'select', message: 'Identity provider', default: 'keycloak' });
    expect(log).toEqual(['  Who signs people in.', '? Identity provider']);
  });

  it('lists every provider; on the local target (the default) Entra ID and Google are disabled: they need https', async () => {
    const { prompt } = await runStep(identityProvider, {}, [[q.identityProvider, DEFAULT]]);
    const choices = prompt.asked[0]!.choices as { name: string; value: string; disabled?: string }[];
    expect(choices.map((c) => [c.value, c.name, c.disabled])).toEqual([
      ['keycloak', 'Keycloak (bundled in the stack, or your own)', undefined],
      ['entra', 'Microsoft Entra ID', '(needs https: not on the local target)'],
      ['okta', 'Okta', undefined],
      ['auth0', 'Auth0', undefined],
      ['google', 'Google Workspace', '(needs https: not on the local target)'],
      ['github', 'GitHub', undefined],
      ['gitlab', 'GitLab', undefined],
      ['oidc', 'Any OpenID Connect provider', undefined],
    ]);
  });

  it('keeps details a flag set (--realm) while asking the type', async () => {
    const { ctx } = await runStep(identityProvider, { identityProvider: { realm: 'ops' } as never }, [[q.identityProvider, DEFAULT]]);
    expect(ctx.draft.identityProvider).toEqual({ realm: 'ops', type: 'keycloak' });
  });

  it('is skipped when the draft names the provider (--idp)', async () => {
    const { prompt } = await runStep(identityProvider, { identityProvider: { type: 'keycloak' } }, []);
    expect(prompt.asked).toEqual([]);
  });
});
