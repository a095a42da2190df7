import type { SpecInput } from '../../config/schema.js';
import type { WizardContext } from '../context.js';
import { questions } from '../messages.js';

/** The caller's summary (what will be written, and where), then a confirm; yes by default. */
export async function confirmWrite(
  ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>,
  summary: (draft: SpecInput) => string,
): Promise<boolean> {
  const text = summary(ctx.draft as SpecInput);
  ctx.io.out(`\n${text.endsWith('\n') ? text : `${text}\n`}\n`);
  return ctx.prompt.confirm({ message: questions.confirm, default: true });
}
