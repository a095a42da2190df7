import { INPUT_IDS } from '../load/problems.js';
import { inputCheck } from './util/input.js';

/** `${VAR}` interpolation compose would complain about: unset, required-but-missing, invalid `$`. */
export const inputVariable = inputCheck(INPUT_IDS.variable, 'Compose variables are set', 'error', 'compose');
