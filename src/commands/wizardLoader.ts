import type { Io } from '../io.js';
import type { InitDeps } from './init.js';

/**
 * The wizard, loaded only when a terminal run needs it: its code and its
 * prompt library stay out of non-interactive runs entirely.
 */
export function loadWizard(io: Io): NonNullable<InitDeps['wizard']> {
  return async (draft, summary) => {
    const { runWizard, inquirerPrompt } = await import('../wizard/index.js');
    return runWizard({ draft, prompt: await inquirerPrompt(), io }, summary);
  };
}
