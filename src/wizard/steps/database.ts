import { askFields } from '../ask.js';

/** The database (bundled PostgreSQL, your own, Azure, AWS, SQLite), its connection, and the scale (API replicas, Redis). */
export const database = askFields(
  'database.type',
  'database.version',
  'database.host',
  'database.user',
  'database.auth',
  'database.password',
  'database.tls',
  'database.ca',
  'database.clientId',
  'database.region',
  'scale.apiReplicas',
  'scale.redis.type',
  'scale.redis.host',
  'scale.redis.password',
);
