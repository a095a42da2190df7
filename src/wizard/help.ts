import { SPEC_FIELDS } from '../config/fields.js';
import type { WizardContext } from './context.js';
import { helpLine } from './messages.js';

/** The one-line help of a spec field, shared with the flags' documentation. */
export function fieldHelp(path: string): string {
  const field = SPEC_FIELDS.find((f) => f.path === path);
  if (!field) throw new Error(`internal: ${path} is not in SPEC_FIELDS`);
  return field.help;
}

export function showHelp(ctx: Pick<WizardContext, 'io'>, ...lines: string[]): void {
  for (const line of lines) ctx.io.out(helpLine(ctx.io, line));
}
