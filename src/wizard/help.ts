import type { WizardContext } from './context.js';
import { helpLine } from './messages.js';

export function showHelp(ctx: Pick<WizardContext, 'io'>, ...lines: string[]): void {
  for (const line of lines) ctx.io.out(helpLine(ctx.io, line));
}
