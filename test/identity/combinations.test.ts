/**
 * Every combination of target (and the server's certificates: files or
 * ACME) × identity provider × machine access (and Prefect's own auth
 * string): a valid
 * one renders with zero doctor findings (the self-check of every render),
 * and the real oauth2-proxy (--config-test) and the real nginx (nginx -t,
 * with certificate files where the server target mounts them) accept what
 * it rendered, and the spec written into the stack reads back as the same
 * spec; an invalid one is refused naming both choices.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREFECT_AUTH_FILE, PREFECT_AUTH_IN_PROXY } from '../../src/components/proxy/nginx/prefectAuth.js';
import { TLS_DIR_IN_PROXY } from '../../src/components/target/server/facts.js';
import { canonicalSpec } from '../../src/config/canonical.js';
import { validateSpec } from '../../src/config/load.js';
import { PRESETS } from '../../src/config/presets.js';
import { UserError } from '../../src/errors.js';
import { generateStack } from '../../src/generate.js';
import { nginxTest } from '../helpers/nginx.js';
import { CLIENT_SECRET, PROVIDER_CASES } from '../helpers/providerSpecs.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { fileText } from '../helpers/stack.js';
import { testCa } from '../helpers/tls.js';
import { needTools } from '../helpers/tools.js';

const TARGETS = {
  local: { target: 'local' },
  server: { target: 'server', hosts: { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com' } },
  'server, acme': { target: 'server', hosts: { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com' }, tls: { acme: { email: 'ops@example.com' } } },
} as const;

const PROVIDERS = [{ name: 'bundled keycloak', identityProvider: { type: 'keycloak' } as Record<string, unknown> }, ...PROVIDER_CASES];
const MACHINE_ACCESS = {
  basic: { type: 'basic', users: ['ci', 'worker'] },
  none: { type: 'none', users: ['ci', 'worker'] },
  "basic, Prefect's auth string too": { type: 'basic', users: ['machines'], serverAuthString: true },
  'basic, GitHub Actions tokens too': { type: 'basic', users: ['ci', 'worker'], githubActions: { subjects: ['repo:acme/flows:ref:refs/heads/main'] } },
} as const;

/** Which combinations are refused, and the words the refusal must hold (both choices). */
function refusal(target: keyof typeof TARGETS, type: string, access: keyof typeof MACHINE_ACCESS): { path: string; words: string[] } | undefined {
  if (target === 'local' && (type === 'entra' || type === 'google')) return { path: 'identityProvider.type', words: [`"${type}"`, 'target: local'] };
  if (target === 'local' && access === 'basic, GitHub Actions tokens too') return { path: 'machineAccess.githubActions', words: ['target: server'] };
  return undefined;
}

const combinations = Object.keys(TARGETS).flatMap((target) =>
  PROVIDERS.flatMap((provider) => Object.keys(MACHINE_ACCESS).map((access) => ({ target: target as keyof typeof TARGETS, provider, access: access as keyof typeof MACHINE_ACCESS }))),
);

const tools = needTools('oauth2-proxy', 'nginx', 'openssl');

tools.describe('target × identity provider × machine access', () => {
  const leafDir = (() => {
    const ca = testCa();
    const leaf = ca.issue(['prefect.example.com', 'prefect-api.example.com', 'keycloak.example.com']);
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-combo-tls-'));
    copyFileSync(leaf.certFile, join(dir, 'certificate.pem'));
    copyFileSync(leaf.keyFile, join(dir, 'key.pem'));
    return dir;
  })();

  it.each(combinations.map((c) => [`${c.target} × ${c.provider.name} × ${c.access}`, c] as const))('%s', (_name, { target, provider, access }) => {
    const input = { ...PRESETS.local, ...TARGETS[target], identityProvider: provider.identityProvider, machineAccess: MACHINE_ACCESS[access] };
    const refused = refusal(target, String(provider.identityProvider.type), access);
    if (refused) {
      let error: unknown;
      try {
        validateSpec(input as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      const problem = (error as UserError).problems.find((p) => p.path === refused.path);
      for (const words of refused.words) expect(problem?.message).toContain(words);
      return;
    }
    const spec = validateSpec(input as never);
    // The spec the stack holds reads back as the same spec: render, rotate and doctor read it there.
    expect(validateSpec(canonicalSpec(spec) as never)).toEqual(spec);
    // generateStack runs every static doctor check on what it rendered and throws on any finding.
    const stack = generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom(_name), env: { IDP_CLIENT_SECRET: CLIENT_SECRET } });

    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-combo-'));
    const cfg = join(dir, 'oauth2-proxy.cfg');
    writeFileSync(cfg, fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg'));
    const checked = spawnSync(tools.path('oauth2-proxy'), [`--config=${cfg}`, '--config-test'], {
      env: { PATH: process.env.PATH, OAUTH2_PROXY_CLIENT_SECRET: stack.secrets.OAUTH2_PROXY_CLIENT_SECRET, OAUTH2_PROXY_COOKIE_SECRET: stack.secrets.OAUTH2_PROXY_COOKIE_SECRET },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(`${checked.stdout}${checked.stderr}`, 'oauth2-proxy --config-test').toContain('configuration is valid');

    // nginx -t on the rendered file, the certificate files where compose mounts them.
    mkdirSync(join(dir, 'nginx'));
    const conf = join(dir, 'nginx', 'nginx.conf');
    // The header file Prefect's auth string lives in, where compose mounts it.
    const authFile = join(dir, 'nginx', 'prefect-auth.conf');
    if (stack.files.has(PREFECT_AUTH_FILE)) writeFileSync(authFile, fileText(stack, PREFECT_AUTH_FILE));
    writeFileSync(conf, fileText(stack, 'proxy/nginx.conf').replaceAll(`${TLS_DIR_IN_PROXY}/`, `${leafDir}/`).replaceAll(PREFECT_AUTH_IN_PROXY, authFile));
    const tested = nginxTest(conf, tools.path('nginx'));
    expect(tested.ok, tested.output).toBe(true);
  });
});

describe('machineAccess.type: none', () => {
  const stack = generateStack({
    spec: validateSpec({ ...PRESETS.local, machineAccess: { type: 'none', users: ['ci', 'worker'] } } as never),
    specSource: { input: {} },
    random: seededRandom('none'),
  });

  it('lets every request into the API on the machine host, keeps SSO on the UI host, and writes no password anywhere', () => {
    const nginx = fileText(stack, 'proxy/nginx.conf');
    expect(nginx).not.toContain('auth_basic');
    expect(nginx).toContain('auth_request /oauth2/auth;');
    expect(stack.files.has('proxy/htpasswd')).toBe(false);
    expect(fileText(stack, 'docker-compose.yml')).not.toContain('htpasswd');
    expect(fileText(stack, 'prefect/profiles.toml')).not.toMatch(/AUTH_STRING|CUSTOM_HEADERS/);
    expect(fileText(stack, 'prefect/github-actions-deploy.yml')).not.toContain('secrets.');
    expect(fileText(stack, '.env')).not.toContain('PREFECT_MACHINE_');
  });

  it('says so loudly, in the output and first thing in NEXT_STEPS', () => {
    expect(stack.plan.warnings.join('\n')).toMatch(/^machineAccess.type is none: ANYONE who reaches http:\/\/prefect-api.localtest.me:8080\/api/m);
    expect(fileText(stack, 'NEXT_STEPS.md')).toMatch(/^## 1\. The API has no credential\n\n\*\*Warning\.\*\*/m);
  });

  it('is refused with tokens or a chosen password, which would mean nothing', () => {
    expect(() => validateSpec({ ...PRESETS.local, machineAccess: { type: 'none', tokens: {} } } as never)).toThrow(UserError);
    expect(() => validateSpec({ ...PRESETS.local, machineAccess: { type: 'none', users: [{ name: 'ci', password: 'env:X' }] } } as never)).toThrow(/password/);
    expect(() => validateSpec({ ...PRESETS.local, machineAccess: { type: 'jwt' } } as never)).toThrow(UserError);
  });
});
