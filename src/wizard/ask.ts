/** The question shapes the steps share: each asks only when its field is unset. */
import type { Choice, WizardContext } from './context.js';
import { isUnset, setAnswer } from './draft.js';
import { fieldHelp, showHelp } from './help.js';
import { validateAnswer } from './validateAnswer.js';

type Ctx = Pick<WizardContext, 'draft' | 'prompt' | 'io'>;

/** A free-text field, validated inline by the spec's rules; `toValue` turns the text into the spec value. */
export async function askText(
  ctx: Ctx,
  q: {
    path: string;
    message: string;
    default: string;
    /** Lines shown above the question; the field's help from SPEC_FIELDS unless given. */
    help?: string[];
    toValue?: (text: string) => unknown;
    validate?: (value: unknown) => true | string;
  },
): Promise<void> {
  if (!isUnset(ctx.draft, q.path)) return;
  const toValue = q.toValue ?? ((text: string) => text.trim());
  const validate = q.validate ?? ((value: unknown) => validateAnswer(ctx.draft, q.path, value));
  showHelp(ctx, ...(q.help ?? [fieldHelp(q.path)]));
  const text = await ctx.prompt.input({ message: q.message, default: q.default, validate: (v) => validate(toValue(v)) });
  setAnswer(ctx, q.path, toValue(text));
}

/** A field with fixed options; planned ones are listed but disabled. */
export async function askChoice<T extends string>(
  ctx: Ctx,
  q: { path: string; message: string; choices: Choice<T>[]; default: T; help?: string },
): Promise<void> {
  if (!isUnset(ctx.draft, q.path)) return;
  showHelp(ctx, q.help ?? fieldHelp(q.path));
  setAnswer(ctx, q.path, await ctx.prompt.select({ message: q.message, choices: q.choices, default: q.default }));
}
