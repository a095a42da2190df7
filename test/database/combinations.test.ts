/**
 * Every database × scale × target × proxy the spec allows renders with zero
 * doctor findings (the self-check of every render) and lays out what it
 * promises: the connection each Prefect process gets, no password anywhere
 * when the cloud's identity signs in, the image with the plugin, migrations
 * once before the API replicas, one services process, the proxy balancing
 * every replica. Invalid combinations are refused naming both fields. The
 * real Caddy and Traefik load the scaled-out configurations.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { canonicalSpec } from '../../src/config/canonical.js';
import { validateSpec } from '../../src/config/load.js';
import { PRESETS } from '../../src/config/presets.js';
import { DEFAULT_TLS_FILES } from '../../src/config/schema.js';
import { UserError } from '../../src/errors.js';
import { generateStack } from '../../src/generate.js';
import { caddyValidate, traefikLoads } from '../helpers/proxyConfigs.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { validOrUndefined } from '../helpers/validSpec.js';
import { fileText } from '../helpers/stack.js';
import { testCa } from '../helpers/tls.js';
import { needTools } from '../helpers/tools.js';

const DB_PASSWORD = 'db-pass@word/with:everything%';
const REDIS_PASSWORD = 'redis-password-from-the-environment';
const ENV = { DB_PASSWORD, DB_PLAIN_PASSWORD: 'plain-password-for-a-url', REDIS_PASSWORD };
const AZURE_HOST = 'prefect-db.postgres.database.azure.com';
const RDS_HOST = 'prefect.cluster-abc.eu-west-1.rds.amazonaws.com';

const DATABASES: Record<string, Record<string, unknown>> = {
  bundled: { type: 'postgres' },
  'external, verified with its CA': { type: 'external', host: 'db.example.com', user: 'prefect', password: 'env:DB_PASSWORD', ca: 'database/ca.pem' },
  'external, verified with the public CAs': { type: 'external', host: 'db.example.com', user: 'prefect', password: 'env:DB_PASSWORD' },
  'external, unverified': { type: 'external', host: 'db.example.com', user: 'prefect', password: 'env:DB_PLAIN_PASSWORD', tls: 'unverified' },
  'azure, managed identity': { type: 'azure', host: AZURE_HOST, user: 'prefect-vm' },
  'azure, user-assigned identity': { type: 'azure', host: AZURE_HOST, user: 'prefect-id', clientId: '6f1c3a2e-8d4b-4c1a-9e2f-0a1b2c3d4e5f' },
  'azure, password': { type: 'azure', host: AZURE_HOST, user: 'prefect', auth: 'password', password: 'env:DB_PASSWORD' },
  'aws, iam': { type: 'aws', host: RDS_HOST, user: 'prefect_iam', region: 'eu-west-1' },
  'aws, password': { type: 'aws', host: RDS_HOST, user: 'prefect', auth: 'password', password: 'env:DB_PASSWORD' },
  sqlite: { type: 'sqlite' },
};
const SCALES: Record<string, Record<string, unknown>> = {
  'one process': {},
  'one API replica, bundled redis': { redis: { type: 'bundled' } },
  'three API replicas, bundled redis': { apiReplicas: 3, redis: { type: 'bundled' } },
  'two API replicas, your redis': { apiReplicas: 2, redis: { type: 'external', host: 'redis.example.com', password: 'env:REDIS_PASSWORD', ca: 'redis/ca.pem' } },
};
const TARGETS: Record<string, Record<string, unknown>> = {
  local: {},
  server: { target: 'server', hosts: { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com' } },
};
const PROXIES = ['nginx', 'caddy', 'traefik'] as const;


const combinations = Object.entries(DATABASES).flatMap(([db, database]) =>
  Object.entries(SCALES).flatMap(([scaleName, scale]) =>
    Object.entries(TARGETS).flatMap(([target, targetSpec]) =>
      PROXIES.flatMap((proxy) => {
        const spec = validOrUndefined({ ...PRESETS.local, ...targetSpec, proxy: { type: proxy }, database, scale });
        return spec ? [{ name: `${db} × ${scaleName} × ${target} × ${proxy}`, spec, db, proxy }] : [];
      }),
    ),
  ),
);

const environmentOf = (compose: any, service: string): Record<string, string> => compose.services[service].environment;

describe('database × scale × target × proxy', () => {
  it('covers every database with every scale it allows', () => {
    // SQLite only as one local process: 2 of its 24; every other database with all 24.
    expect(combinations.length).toBe(9 * 4 * 2 * 3 + 3);
  });

  it.each(combinations.map((c) => [c.name, c] as const))('%s', (name, { spec, db }) => {
    expect(validateSpec(canonicalSpec(spec) as never)).toEqual(spec);
    // generateStack runs every static doctor check on what it rendered and throws on any finding.
    const stack = generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom(name), env: ENV });
    const compose = parse(fileText(stack, 'docker-compose.yml')) as any;
    const dotenv = fileText(stack, '.env');
    const n = spec.scale.apiReplicas;
    const scaled = spec.scale.redis.type !== 'none';
    const api = n === 1 ? ['prefect-server'] : Array.from({ length: n }, (_, i) => `prefect-server-${i + 1}`);
    const processes = [...api, ...(scaled ? ['prefect-services', 'prefect-migrate'] : [])];
    expect(Object.keys(compose.services).filter((s) => s.startsWith('prefect-')).sort()).toEqual([...processes].sort());
    if (scaled) {
      expect(compose.services['prefect-migrate'].restart).toBe('no');
      expect(compose.services['prefect-migrate'].command).toEqual(['prefect', 'server', 'database', 'upgrade', '-y']);
      expect(compose.services['prefect-services'].command).toEqual(['prefect', 'server', 'services', 'start']);
      api.forEach((replica, i) => {
        expect(compose.services[replica].command).toEqual(['prefect', 'server', 'start', '--no-services']);
        expect(compose.services[replica].depends_on['prefect-migrate']).toEqual({ condition: 'service_completed_successfully' });
        if (i > 0) expect(compose.services[replica].depends_on[api[i - 1]!]).toEqual({ condition: 'service_healthy' });
        expect(environmentOf(compose, replica).PREFECT_SERVER_DATABASE_MIGRATE_ON_START).toBe('false');
        expect(environmentOf(compose, replica).PREFECT_SERVER_EVENTS_MESSAGING_BROKER).toBe('prefect_redis.messaging');
      });
    }
    const env = environmentOf(compose, api[0]!);
    const passwordless = db.startsWith('azure, managed') || db.startsWith('azure, user') || db === 'aws, iam';
    if (passwordless) {
      // No password anywhere: not in .env, not in compose, not in any file.
      expect(dotenv).not.toMatch(/^DATABASE_PASSWORD=/m);
      expect(Object.keys(env)).not.toContain('PREFECT_SERVER_DATABASE_PASSWORD');
      expect(env.PREFECT_PLUGINS_ENABLED).toBe('true');
      for (const [path, file] of stack.files) expect(file.content, path).not.toContain(DB_PASSWORD);
      expect(fileText(stack, 'prefect/Dockerfile')).toMatch(db === 'aws, iam' ? /'prefect==3\.8\.3' 'prefect-aws==0\.7\.11'\n/ : /'prefect==3\.8\.3' 'prefect-azure==0\.4\.12'\n/);
      for (const p of processes) expect(compose.services[p].build).toEqual({ context: './prefect', dockerfile: 'Dockerfile' });
      expect(env.SSL_CERT_FILE).toBe('/etc/prefect-secure/database-ca.pem');
    } else {
      expect(stack.files.has('prefect/Dockerfile')).toBe(false);
    }
    if (db.startsWith('external') || db.startsWith('azure') || db.startsWith('aws')) {
      if (db === 'external, unverified') {
        expect(env.PREFECT_SERVER_DATABASE_CONNECTION_URL).toMatch(/^postgresql\+asyncpg:\/\/prefect:\$\{DATABASE_PASSWORD:\?.*\}@db\.example\.com:5432\/prefect\?ssl=require$/);
        expect(stack.plan.warnings.join('\n')).toContain('database.tls: unverified');
      } else {
        expect(env.PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED).toBe('true');
        expect(env.PREFECT_SERVER_DATABASE_HOST).toBe(String((DATABASES[db] as { host: string }).host));
        if (!passwordless) expect(dotenv).toContain(`DATABASE_PASSWORD=`);
      }
      // Prefect reaches a database outside the stack through the network with a way out.
      expect(Object.keys(compose.services[api[0]!].networks)).toContain('egress');
      expect(compose.networks.egress.internal ?? false).toBe(false);
    }
    if (db.startsWith('azure')) {
      const roots = fileText(stack, 'database/azure-ca.pem');
      expect(roots.match(/BEGIN CERTIFICATE/g)).toHaveLength(4);
      expect(env.PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE).toBe('/etc/prefect-secure/database-ca.pem');
    }
    // The proxy balances every API replica.
    const proxyFiles = [...stack.files].filter(([path]) => path.startsWith('proxy/')).map(([, f]) => f.content).join('\n');
    for (const replica of api) expect(proxyFiles).toContain(`${replica}:4200`);
  });
});

describe('database and scale combinations that cannot work', () => {
  const refused = (input: object): string[] => {
    try {
      validateSpec(input as never);
    } catch (error) {
      if (error instanceof UserError) return error.message.split('\n');
      throw error;
    }
    throw new Error('accepted');
  };
  const base = { ...PRESETS.local };

  it.each([
    ['SQLite with API replicas', { database: { type: 'sqlite' }, scale: { apiReplicas: 2, redis: { type: 'bundled' } } }, ['database.type', 'scale.apiReplicas']],
    ['SQLite with Redis', { database: { type: 'sqlite' }, scale: { redis: { type: 'bundled' } } }, ['database.type', 'scale.redis.type']],
    ['SQLite on a server', { ...TARGETS.server, database: { type: 'sqlite' } }, ['database.type', 'target: server']],
    ['replicas without Redis', { scale: { apiReplicas: 2 } }, ['scale.redis.type', 'scale.apiReplicas']],
    ['a managed identity on Prefect 3.6', { database: DATABASES['azure, managed identity'], prefect: { version: '3.6.9' } }, ['database.auth', 'prefect.version']],
    ['RDS IAM without a region', { database: { type: 'aws', host: RDS_HOST, user: 'u' } }, ['database.region', 'auth: iam']],
    ['a password beside the managed identity', { database: { ...DATABASES['azure, managed identity'], password: 'env:DB_PASSWORD' } }, ['database.password', 'auth: entra']],
    ['a password sign-in without the password', { database: { type: 'external', host: 'db.example.com', user: 'prefect' } }, ['database.password']],
    ['a CA that an unverified connection ignores', { database: { ...DATABASES['external, unverified'], ca: 'database/ca.pem' } }, ['database.ca', 'tls: unverified']],
    ['an Azure name that is not an Azure server', { database: { ...DATABASES['azure, managed identity'], host: 'db.example.com' } }, ['database.host', 'postgres.database.azure.com']],
    ['your Redis without its host', { scale: { redis: { type: 'external', password: 'env:REDIS_PASSWORD' } } }, ['scale.redis.host']],
  ])('%s', (_name, part, words) => {
    const message = refused({ ...base, ...part }).join('\n');
    for (const word of words) expect(message, message).toContain(word);
  });
});

describe('passwords that go into a URL', () => {
  it.each([
    ['database.password', { database: { type: 'external', host: 'db.example.com', user: 'prefect', password: 'env:DB_PASSWORD', tls: 'unverified' } }],
    ['scale.redis.password', { scale: { apiReplicas: 2, redis: { type: 'external', host: 'redis.example.com', password: 'env:DB_PASSWORD' } } }],
  ])('%s: a password with @ / ? # %% is refused at render, naming the field and the character', (field, part) => {
    const spec = validateSpec({ ...PRESETS.local, ...part } as never);
    let message = '';
    try {
      generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom(field), env: ENV });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      message = error.message;
    }
    expect(message).toContain(field);
    expect(message).toContain('holds "@"');
  });

  it('the same password is fine where Prefect gets it as a setting of its own (verified TLS)', () => {
    const spec = validateSpec({ ...PRESETS.local, database: DATABASES['external, verified with its CA'] } as never);
    const stack = generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom('own setting'), env: ENV });
    expect(fileText(stack, '.env')).toContain(`DATABASE_PASSWORD='${DB_PASSWORD}'`);
  });
});

const tools = needTools('caddy', 'traefik', 'openssl');

tools.describe('the real Caddy and Traefik load the scaled-out stacks', () => {
  it.each(['local', 'server'] as const)('%s: three API replicas', async (target) => {
    const provided = (() => {
      const leaf = testCa().issue(['prefect.example.com', 'prefect-api.example.com', 'keycloak.example.com']);
      const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-scale-tls-'));
      copyFileSync(leaf.certFile, join(dir, 'certificate.pem'));
      copyFileSync(leaf.keyFile, join(dir, 'key.pem'));
      return { [DEFAULT_TLS_FILES.certificate]: join(dir, 'certificate.pem'), [DEFAULT_TLS_FILES.key]: join(dir, 'key.pem') };
    })();
    for (const proxy of ['caddy', 'traefik'] as const) {
      const spec = validateSpec({ ...PRESETS.local, ...TARGETS[target], proxy: { type: proxy }, scale: { apiReplicas: 3, redis: { type: 'bundled' } } } as never);
      const stack = generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom(`${target}-${proxy}`) });
      if (proxy === 'caddy') {
        const validated = caddyValidate(tools.path('caddy'), stack, provided);
        expect(validated.ok, validated.output.slice(-2000)).toBe(true);
        expect(fileText(stack, 'proxy/Caddyfile')).toContain('reverse_proxy prefect-server-1:4200 prefect-server-2:4200 prefect-server-3:4200 {');
      } else {
        const routers = Object.keys((parse(fileText(stack, 'proxy/traefik/prefect.yml')) as { http: { routers: object } }).http.routers).sort();
        const loaded = await traefikLoads(tools.path('traefik'), stack, provided, routers);
        expect(loaded.routers, loaded.log.slice(-3000)).toEqual(routers);
        expect(loaded.problems).toEqual([]);
      }
    }
  }, 120_000);
});
