/**
 * PostgreSQL outside the stack: your own (`external`), Azure Database for
 * PostgreSQL (`azure`) or Amazon RDS / Aurora (`aws`). Prefect gets the
 * connection as parts (host, port, user, name, and the password on its own,
 * so no character of it needs URL-encoding) and verifies the server: its TLS
 * settings with the CA file, never `sslmode` (asyncpg refuses it). Without a
 * password (Azure managed identity, RDS IAM) the cloud's plugin signs in with
 * a fresh token per connection, and SSL_CERT_FILE makes the plugin's own TLS
 * context trust the same CA.
 */
import { literal, secretRef } from '../../compose.js';
import { file } from '../../files.js';
import { prefectServerServices, MIGRATE_SERVICE } from '../../prefect/layout.js';
import { PREFECT_INTEGRATIONS } from '../../prefect/facts.js';
import type { Component } from '../../types.js';
import type { DatabaseSpec } from '../../../config/database.js';
import type { Spec } from '../../../config/schema.js';
import { AZURE_POSTGRES_ROOTS } from './azureRoots.js';
import { AZURE_CA_FILE, DATABASE_CA_IN_CONTAINER, PLUGINS, RDS_CA_BUNDLE_URL, TLS_SETTINGS } from './facts.js';

type Remote = Extract<DatabaseSpec, { type: 'external' | 'azure' | 'aws' }>;

const remote = (spec: Spec): Remote => {
  const db = spec.database;
  if (db.type === 'external' || db.type === 'azure' || db.type === 'aws') return db;
  throw new Error(`internal: database.type ${db.type} is not outside the stack`);
};

/** The sign-in plugin in use, if the database signs in without a password. */
export function signInPlugin(db: Remote): (typeof PLUGINS)[keyof typeof PLUGINS] | undefined {
  if (db.type === 'azure' && db.auth === 'entra') return PLUGINS.azure;
  if (db.type === 'aws' && db.auth === 'iam') return PLUGINS.aws;
  return undefined;
}

/** The CA file in the stack folder the server is verified against, if any (else the public CAs). */
export function databaseCaFile(db: Remote): string | undefined {
  if (db.type === 'azure') return AZURE_CA_FILE;
  if (db.type === 'external' && db.tls === 'unverified') return undefined;
  return db.ca;
}

const SECRET = 'DATABASE_PASSWORD';

/** tls: unverified puts the password into Prefect's connection URL as it is (asyncpg's ssl=require exists only there). */
const unverifiedUrl = (db: Remote) => db.type === 'external' && db.tls === 'unverified';
const URL_RESERVED = { chars: '@/?#%', why: 'ends the password early, or is decoded, inside the connection URL that tls: unverified needs' };

/** One component per database type outside the stack; they differ only in what the spec of each holds. */
const remoteDatabase = (type: Remote['type']): Component => ({
  id: type,
  concern: 'database',
  appliesTo: (spec) => spec.database.type === type,
  capabilities(spec) {
    const db = remote(spec);
    const plugin = signInPlugin(db);
    const ca = databaseCaFile(db);
    const unverified = db.type === 'external' && db.tls === 'unverified';
    const parts = [
      { key: 'PREFECT_SERVER_DATABASE_DRIVER', value: literal('postgresql+asyncpg') },
      { key: 'PREFECT_SERVER_DATABASE_HOST', value: literal(db.host) },
      { key: 'PREFECT_SERVER_DATABASE_PORT', value: literal(String(db.port)) },
      { key: 'PREFECT_SERVER_DATABASE_USER', value: literal(db.user) },
      { key: 'PREFECT_SERVER_DATABASE_NAME', value: literal(db.name) },
    ];
    const environment = unverified
      ? // asyncpg's own `ssl=require`: encrypted, any certificate trusted. Prefect's TLS settings cannot turn verification off.
        [{ key: 'PREFECT_SERVER_DATABASE_CONNECTION_URL', value: secretRef(SECRET, `postgresql+asyncpg://${db.user}:`, `@${db.host}:${db.port}/${db.name}?ssl=require`) }]
      : [
          ...parts,
          ...(plugin ? [] : [{ key: 'PREFECT_SERVER_DATABASE_PASSWORD', value: secretRef(SECRET) }]),
          { key: TLS_SETTINGS.enabled, value: literal('true') },
          ...(ca ? [{ key: TLS_SETTINGS.caFile, value: literal(DATABASE_CA_IN_CONTAINER) }] : []),
          ...(plugin
            ? [
                { key: 'PREFECT_PLUGINS_ENABLED', value: literal('true') },
                // Only the sign-in plugin runs, not whatever else the image holds.
                { key: 'PREFECT_PLUGINS_ALLOW', value: literal(plugin.name) },
                { key: plugin.enabled, value: literal('true') },
                ...(db.type === 'azure' && db.clientId ? [{ key: plugin.option, value: literal(db.clientId) }] : []),
                ...(db.type === 'aws' && db.region ? [{ key: plugin.option, value: literal(db.region) }] : []),
                // The plugin's own TLS context reads OpenSSL's default paths, not Prefect's CA file.
                ...(ca ? [{ key: 'SSL_CERT_FILE', value: literal(DATABASE_CA_IN_CONTAINER) }] : []),
              ]
            : []),
        ];
    return {
      database: {
        environment,
        volumes: ca ? [{ type: 'bind', source: `./${ca}`, target: DATABASE_CA_IN_CONTAINER, readOnly: true }] : [],
        dependsOn: [],
        packages: plugin ? [PREFECT_INTEGRATIONS[plugin.name]] : [],
        outside: true,
      },
    };
  },
  plan(ctx) {
    const { spec } = ctx;
    const db = remote(spec);
    const plugin = signInPlugin(db);
    const ca = databaseCaFile(db);
    const processes = [...prefectServerServices(spec), ...(spec.scale.redis.type !== 'none' ? [MIGRATE_SERVICE] : [])];
    const kind = db.type === 'azure' ? 'Azure Database for PostgreSQL' : db.type === 'aws' ? 'Amazon RDS' : 'your PostgreSQL';
    return {
      secrets: plugin
        ? []
        : [
            {
              name: SECRET,
              alias: 'db-password',
              purpose: `Password of the ${db.user} user on ${kind}`,
              bytes: 24,
              source: { env: db.password!, field: 'database.password', store: true, minLength: 1, ...(unverifiedUrl(db) ? { forbidden: URL_RESERVED } : {}), charsetHint: 'choose a password for the database user without them (.env keeps it for docker compose, which would change it)', holds: `the password of the database user ${db.user}` },
              usedBy: processes,
              afterRotate: { when: 'before', text: `Set the new password for ${db.user} on ${kind} first: Prefect signs in with whatever .env holds.` },
            },
          ],
      files: db.type === 'azure'
        ? [file(AZURE_CA_FILE, 'the root CAs Azure Database for PostgreSQL chains to (Prefect verifies the server against them)', () => AZURE_POSTGRES_ROOTS.map((root) => `# ${root.name}\n# SHA-256 ${root.sha256}\n${root.pem}`).join('\n'))]
        : [],
      provided: ca && db.type !== 'azure' ? [{ path: ca, what: db.type === 'aws' ? `the Amazon RDS CA bundle (${RDS_CA_BUNDLE_URL})` : 'the CA that signed the database server\'s certificate', secret: false, section: 'The database' }] : [],
      warnings: db.type === 'external' && db.tls === 'unverified'
        ? ['database.tls: unverified: the connection to the database is encrypted, but Prefect trusts any certificate, so anyone on the path can pose as the database and read every flow run. Give the server\'s CA (database.ca) and use tls: verify.']
        : [],
      acknowledgedChecks: db.type === 'external' && db.tls === 'unverified' ? ['prefect-database-tls-unverified'] : [],
      nextSteps: [
        {
          order: 12,
          title: 'The database',
          template: 'database/remote/steps/database',
          view: {
            azure: db.type === 'azure',
            aws: db.type === 'aws',
            external: db.type === 'external',
            host: db.host,
            port: db.port,
            name: db.name,
            user: db.user,
            ca,
            rdsBundle: db.type === 'aws' ? RDS_CA_BUNDLE_URL : undefined,
            azureServer: db.type === 'azure' ? db.host.replace(/\.postgres\.database\.azure\.com$/, '') : undefined,
            entra: db.type === 'azure' && db.auth === 'entra' ? { clientId: db.clientId } : undefined,
            iam: db.type === 'aws' && db.auth === 'iam' ? { region: db.region } : undefined,
            passwordEnv: plugin ? undefined : db.password,
            migrate: spec.scale.redis.type !== 'none',
          },
        },
      ],
    };
  },
});

export const externalDatabase = remoteDatabase('external');
export const azureDatabase = remoteDatabase('azure');
export const awsDatabase = remoteDatabase('aws');
