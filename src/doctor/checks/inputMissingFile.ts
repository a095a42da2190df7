import { INPUT_IDS } from '../load/problems.js';
import { inputCheck } from './util/input.js';

/** An env_file or a bind-mounted configuration file that does not exist. */
export const inputMissingFile = inputCheck(INPUT_IDS.missingFile, 'Referenced files exist', 'error');
