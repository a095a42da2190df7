import { askChoice } from '../ask.js';
import type { WizardContext } from '../context.js';
import { choices, NOT_YET_AVAILABLE, questions } from '../messages.js';

const PLANNED = ['entra', 'okta', 'auth0', 'google', 'github', 'oidc'] as const;

/** Who signs people in: the bundled Keycloak; the planned providers are listed as not yet available. */
export async function identityProvider(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  await askChoice(ctx, {
    path: 'identityProvider.type',
    message: questions.identityProvider,
    default: 'keycloak',
    choices: [
      { name: choices.identityProvider.keycloak, value: 'keycloak' },
      ...PLANNED.map((value) => ({ name: choices.identityProvider[value], value, disabled: NOT_YET_AVAILABLE })),
    ],
  });
}
