import type { WizardContext } from '../context.js';
import { chosenPassword, isUnset, machineUserNames, setAnswer } from '../draft.js';
import { fieldAt } from '../../config/fields.js';
import { showHelp } from '../help.js';
import { validateAnswer } from '../validateAnswer.js';

/** Which machine users get a Prefect client profile; by default those with a generated password. */
export async function clientProfiles(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  const path = 'clients.profiles';
  if (!isUnset(ctx.draft, path)) return;
  const field = fieldAt(path);
  showHelp(ctx, field.help);
  const profiles = await ctx.prompt.checkbox({
    message: field.question,
    // As the schema's default: a password a person chose is written into a profile only when they tick it.
    choices: machineUserNames(ctx.draft).map((name) => ({ name, value: name, checked: !chosenPassword(ctx.draft, name) })),
    validate: (chosen) => validateAnswer(ctx.draft, path, [...chosen]),
  });
  setAnswer(ctx, path, profiles);
}
