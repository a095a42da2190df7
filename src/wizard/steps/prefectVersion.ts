import { askFields } from '../ask.js';

export const prefectVersion = askFields('prefect.version');
