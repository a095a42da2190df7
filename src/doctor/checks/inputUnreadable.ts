import { INPUT_IDS } from '../load/problems.js';
import { inputCheck } from './util/input.js';

/** A configuration file that is binary junk, invalid UTF-8 or far too large. */
export const inputUnreadable = inputCheck(INPUT_IDS.unreadable, 'Configuration files are readable text', 'error');
