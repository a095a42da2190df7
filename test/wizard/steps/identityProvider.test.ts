import { describe, expect, it } from 'vitest';
import { NOT_YET_AVAILABLE, questions as q } from '../../../src/wizard/messages.js';
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

  it('lists the planned providers as disabled "not yet available"', async () => {
    const { prompt } = await runStep(identityProvider, {}, [[q.identityProvider, DEFAULT]]);
    const choices = prompt.asked[0]!.choices as { name: string; value: string; disabled?: string }[];
    expect(choices.map((c) => [c.name, c.disabled])).toEqual([
      ['Keycloak, bundled in the stack', undefined],
      ['Microsoft Entra ID', NOT_YET_AVAILABLE],
      ['Okta', NOT_YET_AVAILABLE],
      ['Auth0', NOT_YET_AVAILABLE],
      ['Google', NOT_YET_AVAILABLE],
      ['GitHub', NOT_YET_AVAILABLE],
      ['Any OpenID Connect provider', NOT_YET_AVAILABLE],
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
