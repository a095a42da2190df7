import { askFields } from '../ask.js';

/** The reverse proxy; the planned ones are listed as not yet available. */
export const proxy = askFields('proxy.type');
