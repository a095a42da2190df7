import { UserError } from '../errors.js';
import type { Io } from '../io.js';
import type { InitDeps } from './init.js';

/** The wizard is wired in once src/wizard lands; until then a terminal run asks for flags. */
export function loadWizard(_io: Io): NonNullable<InitDeps['wizard']> {
  return async () => {
    throw new UserError([{ path: '', message: 'the interactive wizard is not available in this build', fix: 'pass --preset local, --config FILE or --yes' }]);
  };
}
