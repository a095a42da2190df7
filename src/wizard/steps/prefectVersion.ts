import { askText } from '../ask.js';
import type { WizardContext } from '../context.js';
import { defaultText } from '../defaults.js';
import { questions } from '../messages.js';

export async function prefectVersion(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  await askText(ctx, { path: 'prefect.version', message: questions.prefectVersion, default: defaultText('prefect.version') });
}
