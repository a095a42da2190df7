/**
 * Every identity provider renders a stack that oauth2-proxy accepts: the
 * issuer built from the values a person supplied, the settings that decide
 * who may sign in, the supplied client secret kept in .env only, no bundled
 * identity service, and a NEXT_STEPS section saying what to register. The
 * real oauth2-proxy checks each rendered configuration (--config-test).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../../src/errors.js';
import { generateStack } from '../../src/generate.js';
import { fileText } from '../helpers/stack.js';
import { CLIENT_SECRET, PROVIDER_CASES, renderProvider } from '../helpers/providerSpecs.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { needTools } from '../helpers/tools.js';

const cfgOf = (text: string) => parseToml(text) as Record<string, unknown>;

describe.each(PROVIDER_CASES)('identity provider: $name', (c) => {
  const stack = renderProvider(c);
  const cfg = cfgOf(fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg'));

  it('tells oauth2-proxy the provider, the derived issuer and who may sign in', () => {
    for (const [key, value] of Object.entries(c.expect)) expect(cfg[key], key).toEqual(value);
    expect(cfg.redirect_url).toBe(stack.plan.urls.redirect);
    expect(cfg.code_challenge_method).toBe('S256');
  });

  it('keeps the supplied client secret in .env only, and bundles no identity service', () => {
    expect(fileText(stack, '.env')).toContain(`\nOAUTH2_PROXY_CLIENT_SECRET=${CLIENT_SECRET}\n`);
    for (const [path, file] of stack.files) if (path !== '.env') expect(file.content, path).not.toContain(CLIENT_SECRET);
    const compose = parseYaml(fileText(stack, 'docker-compose.yml')) as { services: Record<string, { networks: Record<string, { aliases?: string[] } | null> }>; networks: Record<string, unknown> };
    expect(Object.keys(compose.services).sort()).toEqual(['nginx', 'oauth2-proxy', 'postgres', 'prefect-server']);
    expect(Object.keys(compose.networks)).not.toContain('identity');
    expect(compose.services.nginx!.networks.edge!.aliases).toEqual([stack.plan.spec.hosts.ui, stack.plan.spec.hosts.machine]);
    expect(fileText(stack, 'proxy/nginx.conf')).not.toContain(stack.plan.spec.hosts.idp);
  });

  it('says in NEXT_STEPS what to register, with the exact redirect URI and the variable of the secret', () => {
    const steps = fileText(stack, 'NEXT_STEPS.md');
    const display = stack.plan.components.some((comp) => comp.id === 'oidc') ? 'your OpenID Connect provider' : (cfg.provider_display_name as string);
    expect(steps).toMatch(new RegExp(`^## \\d+\\. Register at ${display.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(steps).toContain(`exactly ${stack.plan.urls.redirect}`);
    expect(steps).toContain('copy');
    expect(steps).toContain('`IDP_CLIENT_SECRET`');
    expect(steps).not.toMatch(/KEYCLOAK_DEMO_PASSWORD|demo user/);
  });
});

describe('a supplied client secret', () => {
  const okta = PROVIDER_CASES.find((c) => c.name.startsWith('okta'))!;

  it('must be set when the stack is first rendered: the error names the field and the variable', () => {
    let error: unknown;
    try {
      renderProvider(okta, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      {
        path: 'identityProvider.clientSecret',
        message: 'refers to env:IDP_CLIENT_SECRET, but the environment variable IDP_CLIENT_SECRET is not set',
        fix: 'export IDP_CLIENT_SECRET=<the client secret Okta issued> before running prefect-secure (it is copied into .env, mode 0600, and read from there afterwards)',
      },
    ]);
  });

  it('is refused when it holds what .env cannot carry verbatim, or is too short to be one a provider issued', () => {
    for (const [value, said] of [
      ["has'quote-and-more-characters", 'quote'],
      ['has a space in the middle of it', 'space'],
      ['short', 'has 5 characters'],
    ] as const) {
      expect(() => renderProvider(okta, { IDP_CLIENT_SECRET: value })).toThrow(UserError);
      try {
        renderProvider(okta, { IDP_CLIENT_SECRET: value });
      } catch (e) {
        expect((e as UserError).problems[0]!.message).toContain(said);
        expect(JSON.stringify((e as UserError).problems)).not.toContain(value);
      }
    }
  });

  it('is kept from .env when a later render runs without the variable, and replaced when it is set anew', () => {
    const first = renderProvider(okta);
    const again = (env: NodeJS.ProcessEnv) =>
      generateStack({ spec: first.plan.spec, specSource: { input: {} }, random: seededRandom('again'), env, existingSecrets: first.secrets });
    expect(again({}).secrets.OAUTH2_PROXY_CLIENT_SECRET).toBe(CLIENT_SECRET);
    expect(again({ IDP_CLIENT_SECRET: 'a-new-secret-from-the-provider-42' }).secrets.OAUTH2_PROXY_CLIENT_SECRET).toBe('a-new-secret-from-the-provider-42');
  });

  it('may not be a variable the stack keeps itself', () => {
    const named = { ...okta, identityProvider: { ...okta.identityProvider, clientSecret: 'env:OAUTH2_PROXY_COOKIE_SECRET' } };
    expect(() => renderProvider(named, { OAUTH2_PROXY_COOKIE_SECRET: CLIENT_SECRET })).toThrow(/identityProvider\.clientSecret|OAUTH2_PROXY_COOKIE_SECRET/);
  });
});

const tools = needTools('oauth2-proxy');

tools.describe('the real oauth2-proxy accepts every rendered provider configuration (--config-test)', () => {
  it.each(PROVIDER_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const stack = renderProvider(c);
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-provider-'));
    const cfg = join(dir, 'oauth2-proxy.cfg');
    writeFileSync(cfg, fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg'));
    const result = spawnSync(tools.path('oauth2-proxy'), [`--config=${cfg}`, '--config-test'], {
      env: { PATH: process.env.PATH, OAUTH2_PROXY_CLIENT_SECRET: stack.secrets.OAUTH2_PROXY_CLIENT_SECRET, OAUTH2_PROXY_COOKIE_SECRET: stack.secrets.OAUTH2_PROXY_COOKIE_SECRET },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(`${result.stdout}${result.stderr}`).toContain('configuration is valid');
    expect(result.status).toBe(0);
  });

  it('and refuses one without a restriction on who may sign in (no email_domains): the check is not vacuous', () => {
    const stack = renderProvider(PROVIDER_CASES.find((c) => c.name === 'gitlab.com')!);
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-provider-'));
    const cfg = join(dir, 'oauth2-proxy.cfg');
    writeFileSync(cfg, fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg').replace(/^email_domains = .*$/m, ''));
    const result = spawnSync(tools.path('oauth2-proxy'), [`--config=${cfg}`, '--config-test'], {
      env: { PATH: process.env.PATH, OAUTH2_PROXY_CLIENT_SECRET: stack.secrets.OAUTH2_PROXY_CLIENT_SECRET, OAUTH2_PROXY_COOKIE_SECRET: stack.secrets.OAUTH2_PROXY_COOKIE_SECRET },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('missing setting for email validation');
  });
});
