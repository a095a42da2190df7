import { askFields } from '../ask.js';

/** Where the stack runs. Only local exists so far; the others are shown, not hidden. */
export const target = askFields('target');
