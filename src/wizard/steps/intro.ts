import type { WizardContext } from '../context.js';
import { introText } from '../messages.js';

export async function intro(ctx: Pick<WizardContext, 'io'>): Promise<void> {
  ctx.io.out(`${introText(ctx.io)}\n`);
}
