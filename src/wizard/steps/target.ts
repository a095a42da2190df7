import { askChoice } from '../ask.js';
import type { WizardContext } from '../context.js';
import { choices, NOT_YET_AVAILABLE, questions } from '../messages.js';

/** Where the stack runs. Only local exists so far; the others are shown, not hidden. */
export async function target(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  await askChoice(ctx, {
    path: 'target',
    message: questions.target,
    default: 'local',
    choices: [
      { name: choices.target.local, value: 'local' },
      { name: choices.target.server, value: 'server', disabled: NOT_YET_AVAILABLE },
      { name: choices.target.kubernetes, value: 'kubernetes', disabled: NOT_YET_AVAILABLE },
    ],
  });
}
