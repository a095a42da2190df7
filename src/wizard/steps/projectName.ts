import { askText } from '../ask.js';
import type { WizardContext } from '../context.js';
import { defaultText } from '../defaults.js';
import { questions } from '../messages.js';

export async function projectName(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  await askText(ctx, { path: 'name', message: questions.name, default: defaultText('name') });
}
