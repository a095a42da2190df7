/**
 * Inline validation of one answer: the spec's own zod rules through
 * validateField, in the context of the draft so far.
 */
import { getPath, setPath, SPEC_FIELDS } from '../config/fields.js';
import { validateField } from '../config/validateField.js';
import type { WizardContext } from './context.js';
import { problems } from './messages.js';

type Draft = WizardContext['draft'];

/**
 * validateField's message for the answer itself; when the answer is fine on
 * its own, also the cross-field rules it would newly break for a field set
 * before the wizard ran (a flag, --set). A rule like "machine must differ
 * from ui" is reported at the other field, where validateField looks away.
 */
export function validateAnswer(draft: Draft, path: string, value: unknown): true | string {
  const own = validateField(draft, path, value);
  if (own !== true) return own;
  const candidate = setPath(draft, path, value);
  for (const field of SPEC_FIELDS) {
    const existing = getPath(draft, field.path);
    if (field.path === path || existing === undefined) continue;
    const after = validateField(candidate, field.path, existing);
    // The same message as without this answer: wrong already, not this answer's doing.
    if (after !== true && after !== validateField(draft, field.path, existing)) return problems.clashesWith(field.path, after);
  }
  return true;
}

/**
 * A list answer: each item on its own first, so the message names the bad
 * one, then the whole list (at least one, no duplicates, cross-field rules).
 * `itemAsEntry` turns an item into the list entry the schema checks.
 */
export function validateListAnswer(
  draft: Draft,
  path: string,
  items: string[],
  itemAsEntry: (item: string) => unknown = (item) => item,
): true | string {
  for (const item of items) {
    const message = validateField(draft, path, [itemAsEntry(item)]);
    if (message !== true) return problems.listItem(item, message);
  }
  return validateAnswer(draft, path, items);
}
