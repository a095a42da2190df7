/**
 * Every choice the spec offers, for the diagram tests: proxy × target ×
 * identity provider (one of each type) × machine access, and database ×
 * scale × target × proxy. Combinations the spec refuses are left out.
 */
import { canonicalSpec } from '../../src/config/canonical.js';
import type { Spec } from '../../src/config/schema.js';
import { buildPlan, type Plan } from '../../src/plan/index.js';
import { renderStack, type FileMap } from '../../src/render/index.js';
import { resolveSecrets } from '../../src/secrets/resolve.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { PRESETS } from '../../src/config/presets.js';
import { PROVIDER_CASES, CLIENT_SECRET } from '../helpers/providerSpecs.js';
import { validOrUndefined } from '../helpers/validSpec.js';

export const ENV = {
  IDP_CLIENT_SECRET: CLIENT_SECRET,
  DB_PASSWORD: 'db-pass@word/with:everything%',
  REDIS_PASSWORD: 'redis-password-from-the-environment',
};

const SERVER_HOSTS = { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com' };
const TARGETS: Record<string, object> = {
  local: { target: 'local' },
  server: { target: 'server', hosts: SERVER_HOSTS },
  'server, acme': { target: 'server', hosts: SERVER_HOSTS, tls: { acme: { email: 'ops@example.com' } } },
};
const PROXIES = ['nginx', 'caddy', 'traefik'] as const;
const seenTypes = new Set<string>();
const PROVIDERS = [
  { name: 'bundled keycloak', identityProvider: { type: 'keycloak' } as Record<string, unknown> },
  ...PROVIDER_CASES.filter((c) => {
    const key = `${String(c.identityProvider.type)}${c.identityProvider.bundled === false ? ' (own)' : ''}`;
    if (seenTypes.has(key)) return false;
    seenTypes.add(key);
    return true;
  }),
];
const MACHINE_ACCESS: Record<string, object> = {
  basic: { type: 'basic', users: ['ci', 'worker'] },
  none: { type: 'none', users: ['ci', 'worker'] },
  "basic, Prefect's auth string too": { type: 'basic', users: ['machines'], serverAuthString: true },
  'basic, GitHub Actions tokens too': { type: 'basic', users: ['ci', 'worker'], githubActions: { subjects: ['repo:acme/flows:ref:refs/heads/main'] } },
  'basic, access tokens too': { type: 'basic', users: ['ci', 'worker'], tokens: {} },
};
const DATABASES: Record<string, object> = {
  bundled: { type: 'postgres' },
  external: { type: 'external', host: 'db.example.com', user: 'prefect', password: 'env:DB_PASSWORD', ca: 'database/ca.pem' },
  'azure, managed identity': { type: 'azure', host: 'prefect-db.postgres.database.azure.com', user: 'prefect-vm' },
  'aws, iam': { type: 'aws', host: 'prefect.cluster-abc.eu-west-1.rds.amazonaws.com', user: 'prefect_iam', region: 'eu-west-1' },
  sqlite: { type: 'sqlite' },
};
const SCALES: Record<string, object> = {
  'one process': {},
  'three API replicas, bundled redis': { apiReplicas: 3, redis: { type: 'bundled' } },
  'two API replicas, your redis': { apiReplicas: 2, redis: { type: 'external', host: 'redis.example.com', password: 'env:REDIS_PASSWORD', ca: 'redis/ca.pem' } },
};

export interface Combination {
  name: string;
  spec: Spec;
}

const access = PROXIES.flatMap((proxy) =>
  Object.entries(TARGETS).flatMap(([target, targetSpec]) =>
    PROVIDERS.flatMap((provider) =>
      Object.entries(MACHINE_ACCESS).flatMap(([machine, machineAccess]) => {
        const spec = validOrUndefined({ ...PRESETS.local, ...targetSpec, proxy: { type: proxy }, identityProvider: provider.identityProvider, machineAccess });
        return spec ? [{ name: `${proxy} × ${target} × ${provider.name} × ${machine}`, spec }] : [];
      }),
    ),
  ),
);
const data = PROXIES.flatMap((proxy) =>
  Object.entries(TARGETS).flatMap(([target, targetSpec]) =>
    Object.entries(DATABASES).flatMap(([db, database]) =>
      Object.entries(SCALES).flatMap(([scaleName, scale]) => {
        const spec = validOrUndefined({ ...PRESETS.local, ...targetSpec, proxy: { type: proxy }, database, scale, prefect: { egress: 'internet' } });
        return spec ? [{ name: `${proxy} × ${target} × ${db} × ${scaleName} × egress`, spec }] : [];
      }),
    ),
  ),
);

export const COMBINATIONS: Combination[] = [...access, ...data];
export const PROVIDER_TYPES = PROVIDERS.length;

/**
 * The files `init` writes for a spec, without the self-check that
 * generateStack runs after rendering: the combination tests of the identity
 * providers, proxies and databases run it on these stacks; the diagram tests
 * read the files.
 */
export function renderFiles(spec: Spec): { plan: Plan; files: FileMap } {
  const plan = buildPlan(spec);
  const random = seededRandom('diagram');
  const { values } = resolveSecrets(plan.secrets, { random, env: ENV });
  return { plan, files: renderStack({ plan, secrets: values, random, specSource: { input: canonicalSpec(spec) } }) };
}
