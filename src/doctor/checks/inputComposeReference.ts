import { INPUT_IDS } from '../load/problems.js';
import { inputCheck } from './util/input.js';

/** A network or named volume a service uses that the compose file never declares: compose refuses the project. */
export const inputComposeReference = inputCheck(INPUT_IDS.composeReference, 'Every network and named volume a service uses is declared', 'error', 'compose');
