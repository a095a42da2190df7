import { INPUT_IDS } from '../load/problems.js';
import { inputCheck } from './util/input.js';

/** Two compose files where docker compose reads only one. */
export const inputComposeIgnored = inputCheck(INPUT_IDS.ignoredCompose, 'Only one compose file is in play', 'warning', 'compose');
