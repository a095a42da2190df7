/**
 * `database` and `scale`: where Prefect keeps its state and how many API
 * processes serve it. One shape per database type, chosen by `type`: the
 * bundled PostgreSQL, your own PostgreSQL (verified TLS), Azure Database for
 * PostgreSQL (password or Microsoft Entra managed identity), Amazon RDS /
 * Aurora (password or IAM), or SQLite for a throwaway local run. `scale`
 * adds Redis and API replicas.
 */
import * as z from 'zod/mini';
import { availableChoices, choiceError } from './fields.js';
import { describe, envRef, fallback, help, hostname, port, stackPath } from './schemaParts.js';

const TYPES = availableChoices('database.type', ['postgres', 'external', 'azure', 'aws', 'sqlite']);

/** A database role name as PostgreSQL and the clouds write it (an Azure identity's name, an IAM database user). */
const roleName = z.string({ error: 'must be a database user name, e.g. prefect' }).check(
  z.trim(),
  z.regex(/^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$/, { error: 'must be a database user name: letters, digits and _ . @ - (at most 63), starting with a letter or _, e.g. prefect' }),
);

const dbName = fallback(
  z.string({ error: 'must be a database name, e.g. prefect' }).check(z.regex(/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/, { error: 'must be a database name: letters, digits, _ and - (at most 63), e.g. prefect' })),
  'prefect',
  'Name of the database Prefect uses on the server.',
);

const remoteFields = {
  host: describe(hostname, help('database.host')),
  port: fallback(port, 5432, 'Port of the database server.'),
  name: dbName,
  user: describe(roleName, help('database.user')),
  password: describe(z.optional(envRef), help('database.password')),
};

const bundled = describe(
  z.strictObject({
    type: z.literal(TYPES[0]),
    version: fallback(
      z.enum(availableChoices('database.version', ['17', '16', '15']), { error: (issue) => choiceError('database.version', issue.input) }),
      '17',
      help('database.version'),
    ),
  }),
  'PostgreSQL in the stack, on the internal network, with a generated password.',
);

const external = describe(
  z.strictObject({
    type: z.literal(TYPES[1]),
    ...remoteFields,
    tls: fallback(
      z.enum(availableChoices('database.tls', ['verify', 'unverified']), { error: (issue) => choiceError('database.tls', issue.input) }),
      'verify',
      help('database.tls'),
    ),
    ca: describe(z.optional(stackPath('database/ca.pem')), help('database.ca')),
  }),
  'Your own PostgreSQL 14.9 or newer, reached over TLS.',
);

const azure = describe(
  z.strictObject({
    type: z.literal(TYPES[2]),
    ...remoteFields,
    host: describe(
      hostname.check(z.refine((v) => v.endsWith('.postgres.database.azure.com'), { error: 'must be the server name Azure shows, <server>.postgres.database.azure.com' })),
      help('database.host'),
    ),
    auth: fallback(
      z.enum(['entra', 'password'], { error: 'must be entra (the managed identity signs in, no password) or password' }),
      'entra',
      help('database.auth'),
    ),
    clientId: describe(
      z.optional(z.string({ error: 'must be the client ID (a GUID) of a user-assigned managed identity' }).check(
        z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'must be the client ID (a GUID) of a user-assigned managed identity, from Managed Identities → <identity> → Overview' }),
      )),
      help('database.clientId'),
    ),
  }),
  'Azure Database for PostgreSQL flexible server.',
);

const aws = describe(
  z.strictObject({
    type: z.literal(TYPES[3]),
    ...remoteFields,
    auth: fallback(
      z.enum(['iam', 'password'], { error: 'must be iam (the instance role signs in, no password) or password' }),
      'iam',
      help('database.auth'),
    ),
    region: describe(
      z.optional(z.string({ error: 'must be an AWS region, e.g. eu-west-1' }).check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region, e.g. eu-west-1' }))),
      help('database.region'),
    ),
    ca: fallback(stackPath('database/rds-ca.pem'), 'database/rds-ca.pem', help('database.ca')),
  }),
  'Amazon RDS or Aurora PostgreSQL.',
);

const sqlite = describe(
  z.strictObject({ type: z.literal(TYPES[4]) }),
  'SQLite in a volume: a throwaway local run only (one API process, target: local).',
);

const databaseUnion = z.discriminatedUnion('type', [bundled, external, azure, aws, sqlite], {
  error: (issue) => (issue.code === 'invalid_union' ? choiceError('database.type', (issue.input as { type?: unknown } | undefined)?.type) : undefined),
});

export const database = describe(
  databaseUnion.check(
    z.superRefine((db, ctx) => {
      if (db.type === 'postgres' || db.type === 'sqlite') return;
      const passwordless = 'auth' in db && db.auth !== 'password';
      if (passwordless && db.password !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['password'], input: db.password, message: `means nothing with auth: ${db.auth}, where no password exists. Remove it, or use auth: password` });
      }
      if (!passwordless && db.password === undefined) {
        ctx.addIssue({ code: 'custom', path: ['password'], input: undefined, message: 'is required with a password sign-in: the database user\'s password, as env:NAME (kept in .env, never in the spec)' });
      }
      if (db.type === 'azure' && db.auth === 'password' && db.clientId !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['clientId'], input: db.clientId, message: 'is the managed identity of auth: entra. Remove it, or use auth: entra' });
      }
      if (db.type === 'aws' && db.auth === 'password' && db.region !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['region'], input: db.region, message: 'is where IAM signs the database token (auth: iam). Remove it, or use auth: iam' });
      }
      if (db.type === 'aws' && db.auth === 'iam' && db.region === undefined) {
        ctx.addIssue({ code: 'custom', path: ['region'], input: undefined, message: 'is required with auth: iam: the region of the database, where its sign-in token is signed, e.g. eu-west-1' });
      }
      if (db.type === 'external' && db.tls === 'unverified' && db.ca !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['ca'], input: db.ca, message: 'means nothing with tls: unverified, which trusts any certificate. Remove it, or use tls: verify' });
      }
    }),
  ),
  help('database.type'),
);

export type DatabaseSpec = z.output<typeof database>;

const redis = describe(
  z.strictObject({
    type: fallback(
      z.enum(availableChoices('scale.redis.type', ['none', 'bundled', 'external']), { error: (issue) => choiceError('scale.redis.type', issue.input) }),
      'none',
      help('scale.redis.type'),
    ),
    host: describe(z.optional(hostname), help('scale.redis.host')),
    port: fallback(port, 6380, 'Port of your Redis (TLS).'),
    username: fallback(
      z.string({ error: 'must be a Redis user name, e.g. default' }).check(z.regex(/^[A-Za-z0-9_.@-]{1,64}$/, { error: 'must be a Redis user name, e.g. default' })),
      'default',
      'Redis user (ACL) Prefect signs in as.',
    ),
    password: describe(z.optional(envRef), help('scale.redis.password')),
    ca: describe(z.optional(stackPath('redis/ca.pem')), 'A private CA (PEM) that signed your Redis certificate; default: the public CAs.'),
  }).check(
    z.superRefine((r, ctx) => {
      const given = (['host', 'password', 'ca'] as const).filter((key) => r[key] !== undefined);
      if (r.type !== 'external') {
        for (const key of given) ctx.addIssue({ code: 'custom', path: [key], input: r[key], message: `is for your own Redis (type: external). Remove it, or set type: external` });
        return;
      }
      if (r.host === undefined) ctx.addIssue({ code: 'custom', path: ['host'], input: undefined, message: 'is required with type: external: your Redis server\'s name, e.g. redis.example.com' });
      if (r.password === undefined) ctx.addIssue({ code: 'custom', path: ['password'], input: undefined, message: 'is required with type: external: the password of your Redis user, as env:NAME' });
    }),
  ),
  'Redis for Prefect\'s messaging, cache, event ordering, concurrency leases and task scheduling across processes.',
);

export const MAX_API_REPLICAS = 8;

export const scale = describe(
  z.strictObject({
    apiReplicas: fallback(
      z.int({ error: `must be a whole number from 1 to ${MAX_API_REPLICAS}` }).check(
        z.gte(1, { error: `must be from 1 to ${MAX_API_REPLICAS}` }),
        z.lte(MAX_API_REPLICAS, { error: `must be from 1 to ${MAX_API_REPLICAS}` }),
      ),
      1,
      help('scale.apiReplicas'),
    ),
    redis: z.prefault(redis, {}),
  }),
  'How many Prefect API processes serve the stack, and the Redis they share.',
);

export type ScaleSpec = z.output<typeof scale>;

/** Whether Prefect runs split: API replicas without services, one services process, migrations once (needs Redis). */
export const scaledOut = (s: ScaleSpec): boolean => s.redis.type !== 'none';

/** The first Prefect the sign-in plugins work with. */
const PLUGIN_MIN_PREFECT = {
  azure: { version: '3.7.0', why: 'prefect-azure\'s plugin registers with prefect.plugins, GA in 3.7.0' },
  aws: { version: '3.6.7', why: 'the database-connection hook of the RDS IAM plugin arrived in 3.6.7' },
} as const;

const compareVersions = (a: string, b: string): number => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};

export interface DatabaseIssue {
  path: (string | number)[];
  message: string;
}

/** Rules between the database, the scale and the target. */
export function databaseCrossFieldIssues(db: DatabaseSpec | undefined, s: ScaleSpec | undefined, target: string | undefined, prefectVersion?: string): DatabaseIssue[] {
  const issues: DatabaseIssue[] = [];
  const plugin = db?.type === 'azure' && db.auth === 'entra' ? PLUGIN_MIN_PREFECT.azure : db?.type === 'aws' && db.auth === 'iam' ? PLUGIN_MIN_PREFECT.aws : undefined;
  if (plugin && prefectVersion !== undefined && compareVersions(prefectVersion, plugin.version) < 0) {
    issues.push({
      path: ['database', 'auth'],
      message: `"${db!.type === 'azure' ? 'entra' : 'iam'}" needs prefect.version ${plugin.version} or newer (${plugin.why}); it is ${prefectVersion}. Set prefect.version to ${plugin.version} or newer, or use auth: password`,
    });
  }
  if (s && s.apiReplicas > 1 && s.redis.type === 'none') {
    issues.push({
      path: ['scale', 'redis', 'type'],
      message: `must be bundled or external with scale.apiReplicas: ${s.apiReplicas}: API replicas share events, logs and WebSocket subscribers only through Redis (in memory, each replica would see its own). Set scale.redis.type: bundled, or scale.apiReplicas: 1`,
    });
  }
  if (db?.type === 'sqlite') {
    if (target !== undefined && target !== 'local') {
      issues.push({ path: ['database', 'type'], message: `"sqlite" is for a throwaway run on target: local only: it lives in one container's volume with no backup, and Prefect cannot share it between processes. Use postgres (bundled) or your own database on target: ${target}` });
    }
    if (s && (s.apiReplicas > 1 || s.redis.type !== 'none')) {
      issues.push({
        path: ['database', 'type'],
        message: `"sqlite" cannot be used with ${s.apiReplicas > 1 ? `scale.apiReplicas: ${s.apiReplicas}` : `scale.redis.type: ${s.redis.type}`}: SQLite does not support several Prefect processes on one database (locking). Use database.type: postgres, or scale.apiReplicas: 1 with scale.redis.type: none`,
      });
    }
  }
  return issues;
}
