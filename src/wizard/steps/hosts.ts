import { askText } from '../ask.js';
import type { WizardContext } from '../context.js';
import { defaultText } from '../defaults.js';
import { questions } from '../messages.js';
import { portValue } from '../validateAnswer.js';

/** The public hostnames and port; each answer is checked against the ones before (they must differ). */
export async function hosts(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  await askText(ctx, { path: 'hosts.ui', message: questions.uiHost, default: defaultText('hosts.ui') });
  await askText(ctx, { path: 'hosts.machine', message: questions.machineHost, default: defaultText('hosts.machine') });
  await askText(ctx, { path: 'hosts.idp', message: questions.idpHost, default: defaultText('hosts.idp') });
  await askText(ctx, { path: 'hosts.port', message: questions.port, default: defaultText('hosts.port'), toValue: portValue });
}
