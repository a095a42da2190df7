import { askChoice } from '../ask.js';
import type { WizardContext } from '../context.js';
import { choices, NOT_YET_AVAILABLE, questions } from '../messages.js';

export async function proxy(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  await askChoice(ctx, {
    path: 'proxy.type',
    message: questions.proxy,
    default: 'nginx',
    choices: [
      { name: choices.proxy.nginx, value: 'nginx' },
      { name: choices.proxy.traefik, value: 'traefik', disabled: NOT_YET_AVAILABLE },
      { name: choices.proxy.caddy, value: 'caddy', disabled: NOT_YET_AVAILABLE },
    ],
  });
}
