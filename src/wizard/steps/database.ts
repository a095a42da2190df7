import { askFields } from '../ask.js';

/** The bundled PostgreSQL and its major version. */
export const database = askFields('database.type', 'database.version');
