import { getPath } from '../../config/fields.js';
import { askText } from '../ask.js';
import type { WizardContext } from '../context.js';
import { defaultText } from '../defaults.js';
import { questions } from '../messages.js';
import { splitList, validateListAnswer } from '../validateAnswer.js';

/** What Keycloak needs, and only that: its realm and the realm roles that may sign in. */
export async function keycloak(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  if (getPath(ctx.draft, 'identityProvider.type') !== 'keycloak') return;
  await askText(ctx, { path: 'identityProvider.realm', message: questions.realm, default: defaultText('identityProvider.realm') });
  await askText(ctx, {
    path: 'identityProvider.allowedRoles',
    message: questions.allowedRoles,
    default: defaultText('identityProvider.allowedRoles'),
    toValue: splitList,
    validate: (roles) => validateListAnswer(ctx.draft, 'identityProvider.allowedRoles', roles as string[]),
  });
}
