import type { WizardContext } from '../context.js';
import { isUnset, machineUserNames, setAnswer } from '../draft.js';
import { fieldAt } from '../../config/fields.js';
import { showHelp } from '../help.js';
import { validateAnswer } from '../validateAnswer.js';

/** Which machine users get a Prefect client profile; all of them by default. */
export async function clientProfiles(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  const path = 'clients.profiles';
  if (!isUnset(ctx.draft, path)) return;
  const field = fieldAt(path);
  showHelp(ctx, field.help);
  const profiles = await ctx.prompt.checkbox({
    message: field.question,
    choices: machineUserNames(ctx.draft).map((name) => ({ name, value: name, checked: true })),
    validate: (chosen) => validateAnswer(ctx.draft, path, [...chosen]),
  });
  setAnswer(ctx, path, profiles);
}
