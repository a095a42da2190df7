/**
 * The question shapes: each asks only when its field is unset, with the
 * question, help, choices and parser of the field registry
 * (src/config/fields.ts) and the schema's default.
 */
import { fieldAt, fieldValue, type SpecField } from '../config/fields.js';
import type { Choice, WizardContext } from './context.js';
import { defaultText, schemaDefault } from './defaults.js';
import { isUnset, setAnswer } from './draft.js';
import { showHelp } from './help.js';
import { NOT_YET_AVAILABLE } from './messages.js';
import { validateAnswer, validateListAnswer } from './validateAnswer.js';

type Ctx = Pick<WizardContext, 'draft' | 'prompt' | 'io'>;

/** What a list field's items are checked as: machine users are entries {name}, other lists plain names. */
const LIST_ITEM: Record<string, (item: string) => unknown> = { 'machineAccess.users': (name) => ({ name }) };

/** A choice field's options: the planned ones, and the ones the rest of the draft rules out, listed but disabled. */
export function choicesOf(field: SpecField, draft: unknown = {}): Choice<string>[] {
  return (field.choices ?? []).map((c) => {
    const refused = c.planned ? NOT_YET_AVAILABLE : c.refusedWith?.(draft);
    return { name: c.label, value: c.value, ...(refused ? { disabled: refused } : {}) };
  });
}

/** Asks the field at `path` when it is unset (and asked for this draft); `help` adds lines under the field's own. */
export async function askField(ctx: Ctx, path: string, extraHelp: string[] = []): Promise<void> {
  const field = fieldAt(path);
  if (!isUnset(ctx.draft, path) || (field.askedWhen && !field.askedWhen(ctx.draft))) return;
  showHelp(ctx, field.help, ...extraHelp);
  if (field.kind === 'choice' || field.kind === 'boolean') {
    const choices = choicesOf(field, ctx.draft);
    const fallback = schemaDefault(path, ctx.draft);
    // A default the rest of the draft rules out gives way to the first choice that is open.
    const open = choices.filter((c) => !c.disabled).map((c) => c.value);
    const preferred = fallback !== undefined && open.includes(String(fallback)) ? String(fallback) : open[0];
    const answer = await ctx.prompt.select({ message: field.question, choices, default: preferred });
    setAnswer(ctx, path, fieldValue(field, answer));
    return;
  }
  const toValue = (text: string) => fieldValue(field, text);
  const validate =
    field.kind === 'list'
      ? (text: string) => validateListAnswer(ctx.draft, path, toValue(text) as string[], LIST_ITEM[path])
      : (text: string) => (field.optional && text.trim() === '' ? true : validateAnswer(ctx.draft, path, toValue(text)));
  const text = await ctx.prompt.input({ message: field.question, default: defaultText(path, ctx.draft) || undefined, validate });
  if (field.optional && text.trim() === '') return;
  setAnswer(ctx, path, toValue(text));
}

/** A step that asks these fields, in order. */
export function askFields(...paths: string[]) {
  return async (ctx: Ctx): Promise<void> => {
    for (const path of paths) await askField(ctx, path);
  };
}
