/**
 * Caddy and Traefik × every valid combination of target (the server's
 * certificates: files or ACME) × identity provider × machine access: each
 * renders with zero doctor findings (the self-check of every render); the
 * real Caddy validates each distinct Caddyfile with the files it imports
 * (`caddy validate` provisions every module); Traefik's static and dynamic files pass the JSON schemas in
 * test/schemas, and the real Traefik loads them (for the bundled and an
 * external identity provider: the routes differ only there) and builds every
 * router with no warning or error. The invalid combinations are refused
 * before any proxy is involved (combinations.test.ts).
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { canonicalSpec } from '../../src/config/canonical.js';
import { validateSpec } from '../../src/config/load.js';
import { DEFAULT_TLS_FILES } from '../../src/config/schema.js';
import { PRESETS } from '../../src/config/presets.js';
import { generateStack } from '../../src/generate.js';
import { caddyValidate, traefikLoads } from '../helpers/proxyConfigs.js';
import { CLIENT_SECRET, PROVIDER_CASES } from '../helpers/providerSpecs.js';
import { compileSchema } from '../helpers/schemas.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { validOrUndefined } from '../helpers/validSpec.js';
import { fileText } from '../helpers/stack.js';
import { testCa } from '../helpers/tls.js';
import { needTools } from '../helpers/tools.js';

const SERVER_HOSTS = { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com' };
const TARGETS = {
  local: { target: 'local' },
  server: { target: 'server', hosts: SERVER_HOSTS },
  'server, acme': { target: 'server', hosts: SERVER_HOSTS, tls: { acme: { email: 'ops@example.com' } } },
} as const;
const PROVIDERS = [{ name: 'bundled keycloak', identityProvider: { type: 'keycloak' } as Record<string, unknown> }, ...PROVIDER_CASES];
const MACHINE_ACCESS = {
  basic: { type: 'basic', users: ['ci', 'worker'] },
  none: { type: 'none', users: ['ci', 'worker'] },
  "basic, Prefect's auth string too": { type: 'basic', users: ['machines'], serverAuthString: true },
  'basic, GitHub Actions tokens too': { type: 'basic', users: ['ci', 'worker'], githubActions: { subjects: ['repo:acme/flows:ref:refs/heads/main'] } },
  'basic, access tokens too': { type: 'basic', users: ['ci', 'worker'], tokens: {} },
} as const;


const combinations = (['caddy', 'traefik'] as const).flatMap((proxy) =>
  Object.entries(TARGETS).flatMap(([target, targetSpec]) =>
    PROVIDERS.flatMap((provider, index) =>
      Object.entries(MACHINE_ACCESS).flatMap(([access, machineAccess]) => {
        const spec = validOrUndefined({ ...PRESETS.local, ...targetSpec, proxy: { type: proxy }, identityProvider: provider.identityProvider, machineAccess });
        return spec ? [{ name: `${proxy} × ${target} × ${provider.name} × ${access}`, proxy, spec, load: index < 2 }] : [];
      }),
    ),
  ),
);

const tools = needTools('caddy', 'traefik', 'openssl');
const staticSchema = compileSchema('traefik-v3.json');
const dynamicSchema = compileSchema('traefik-v3-file-provider.json');

/**
 * Keys the schema copies (SchemaStore, 2026-08) do not know but the real
 * Traefik 3.7.15 reads: entry points' aliasHeadersStrategy (Traefik warns by
 * name when it is unset) and the errors middleware's statusRewrites (in
 * Traefik since v3.4.0; the schema's errors middleware predates it). The real
 * loading below proves both are read.
 */
function withoutNewerKeys(config: { entryPoints?: Record<string, { http?: Record<string, unknown> }>; http?: { middlewares?: Record<string, { errors?: Record<string, unknown> }> } }): object {
  for (const entryPoint of Object.values(config.entryPoints ?? {})) delete entryPoint.http?.aliasHeadersStrategy;
  for (const middleware of Object.values(config.http?.middlewares ?? {})) delete middleware.errors?.statusRewrites;
  return config;
}

/** Caddyfiles (with the files they import) the real Caddy has validated in this run. */
const validatedCaddyfiles = new Set<string>();

tools.describe('Caddy and Traefik × target × identity provider × machine access', () => {
  const provided = (() => {
    const leaf = testCa().issue(Object.values(SERVER_HOSTS));
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-proxy-tls-'));
    copyFileSync(leaf.certFile, join(dir, 'certificate.pem'));
    copyFileSync(leaf.keyFile, join(dir, 'key.pem'));
    return { [DEFAULT_TLS_FILES.certificate]: join(dir, 'certificate.pem'), [DEFAULT_TLS_FILES.key]: join(dir, 'key.pem') };
  })();

  it('covers both proxies, all three targets and every machine access', () => {
    expect(combinations.filter((c) => c.proxy === 'caddy').length).toBe(combinations.filter((c) => c.proxy === 'traefik').length);
    expect(combinations.length).toBeGreaterThan(200);
  });

  it.each(combinations.map((c) => [c.name, c] as const))('%s', async (name, { proxy, spec, load }) => {
    expect(validateSpec(canonicalSpec(spec) as never)).toEqual(spec);
    // generateStack runs every static doctor check on what it rendered and throws on any finding.
    const stack = generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom(name), env: { IDP_CLIENT_SECRET: CLIENT_SECRET } });
    if (proxy === 'caddy') {
      // Providers change nothing in the Caddyfile but bundled or not: one validation per distinct Caddyfile and set of files it imports.
      const key = `${fileText(stack, 'proxy/Caddyfile')}\n${[...stack.files.keys()].filter((p) => p.startsWith('proxy/')).join(',')}`;
      if (!validatedCaddyfiles.has(key)) {
        const validated = caddyValidate(tools.path('caddy'), stack, provided);
        expect(validated.ok, validated.output.slice(-2000)).toBe(true);
        validatedCaddyfiles.add(key);
      }
      return;
    }
    const staticConfig = withoutNewerKeys(parse(fileText(stack, 'proxy/traefik.yml')));
    expect(staticSchema.validate(staticConfig), staticSchema.errors()).toBe(true);
    for (const path of [...stack.files.keys()].filter((p) => p.startsWith('proxy/traefik/'))) {
      expect(dynamicSchema.validate(withoutNewerKeys(parse(fileText(stack, path)))), `${path}: ${dynamicSchema.errors()}`).toBe(true);
    }
    if (!load) return;
    const routers = Object.keys((parse(fileText(stack, 'proxy/traefik/prefect.yml')) as { http: { routers: object } }).http.routers).sort();
    const loaded = await traefikLoads(tools.path('traefik'), stack, provided, routers);
    expect(loaded.routers, loaded.log.slice(-3000)).toEqual(routers);
    // ACME: the resolver reaches for a directory nothing answers at, which Traefik reports; nothing else.
    const problems = spec.tls?.acme ? loaded.problems.filter((line) => !/acme|certificate resolver|Unable to obtain/i.test(line)) : loaded.problems;
    expect(problems).toEqual([]);
  }, 60_000);
});
