import { askFields } from '../ask.js';

export const projectName = askFields('name');
