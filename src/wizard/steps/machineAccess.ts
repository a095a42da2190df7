import { askField } from '../ask.js';
import type { WizardContext } from '../context.js';
import { isUnset, machineUserNames, setAnswer } from '../draft.js';
import { showHelp } from '../help.js';
import { extraHelp, problems, questions } from '../messages.js';
import { validateAnswer } from '../validateAnswer.js';
import { chosenPasswordProblem } from '../../secrets/resolve.js';

type Ctx = Pick<WizardContext, 'draft' | 'prompt' | 'io'>;

/**
 * Machine users (workers, CI). Each gets a generated random password; a
 * person may instead name an environment variable (env:NAME) that holds one.
 * The secret itself is never asked for, shown or stored.
 */
export async function machineAccess(ctx: Ctx): Promise<void> {
  if (!isUnset(ctx.draft, 'machineAccess.users')) return;
  const path = 'machineAccess.users';
  await askField(ctx, path, [extraHelp.machinePasswords]);
  showHelp(ctx, ...extraHelp.chosenPasswords);
  if (!(await ctx.prompt.confirm({ message: questions.chosenPasswords, default: false }))) return;
  showHelp(ctx, extraHelp.passwordRef);
  const users: (string | { name: string; password: string })[] = [];
  for (const name of machineUserNames(ctx.draft)) {
    const answer = await ctx.prompt.input({
      message: questions.passwordRef(name),
      validate: (text) => validatePasswordRef(ctx, name, text.trim()),
    });
    const reference = answer.trim();
    users.push(reference === '' ? name : { name, password: reference });
  }
  setAnswer(ctx, path, users);
}

/** Empty keeps the random password; otherwise env:NAME, and NAME must be set now, when the stack is rendered. */
function validatePasswordRef(ctx: Pick<WizardContext, 'draft' | 'io'>, name: string, reference: string): true | string {
  if (reference === '') return true;
  const users = machineUserNames(ctx.draft).map((user) => (user === name ? { name, password: reference } : user));
  const message = validateAnswer(ctx.draft, 'machineAccess.users', users);
  if (message !== true) return message;
  const variable = reference.slice('env:'.length);
  const value = ctx.io.env[variable];
  if (!value) return problems.envNotSet(variable);
  return chosenPasswordProblem(variable, value) ?? true;
}
