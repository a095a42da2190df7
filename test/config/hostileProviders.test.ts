/**
 * The hostile-input corpus (hostileCorpus.test.ts) through every string field
 * of every identity provider's part of the spec and of the server target's
 * tls part: each value is refused naming its field, or renders inert — the
 * stack keeps the shape the provider's own stack has (compose services and
 * their keys, oauth2-proxy's settings, the files), oauth2-proxy still accepts
 * its configuration and nginx -t its own.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CA_IN_CONTAINER, TLS_DIR_IN_PROXY } from '../../src/components/target/server/facts.js';
import { UserError } from '../../src/errors.js';
import type { Generated } from '../../src/generate.js';
import { nginxTest } from '../helpers/nginx.js';
import { CLIENT_SECRET, PROVIDER_CASES, renderProvider, type ProviderCase } from '../helpers/providerSpecs.js';
import { fileText } from '../helpers/stack.js';
import { testCa } from '../helpers/tls.js';
import { GITHUB_PROXY_CONFIG_FILE, GITHUB_SUBJECTS, GITHUB_SUBJECTS_FILE } from '../../src/components/machineAccess/githubActions/facts.js';
import { printedBlock } from '../realstack/helpers/prefectCli.js';
import { needTools } from '../helpers/tools.js';
import { HOSTILE } from './hostileValues.js';

/** Every string-valued key of a provider's part (list items included), and the tls keys for the server target. */
function fieldsOf(c: ProviderCase): { path: string; put: (value: string) => ProviderCase; base?: ProviderCase }[] {
  const fields: { path: string; put: (value: string) => ProviderCase; base?: ProviderCase }[] = [];
  for (const [key, value] of Object.entries(c.identityProvider)) {
    if (key === 'type' || typeof value === 'boolean') continue;
    const path = `identityProvider.${key}`;
    fields.push({ path, put: (v) => ({ ...c, identityProvider: { ...c.identityProvider, [key]: Array.isArray(value) ? [v] : v } }) });
  }
  if (c.https) {
    for (const key of ['certificate', 'key', 'ca']) fields.push({ path: `tls.${key}`, put: (v) => ({ ...c, tls: { ...WITH_CA, [key]: v } }), base: { ...c, tls: WITH_CA } });
    // GitHub Actions' values land in an oauth2-proxy config, a CSV file of subjects, a workflow and a shell block.
    const github = { subjects: ['repo:acme/flows:ref:refs/heads/main'], audience: 'https://prefect-api.example.com' };
    fields.push({ path: 'machineAccess.githubActions.subjects', put: (v) => ({ ...c, githubActions: { ...github, subjects: [v] } }), base: { ...c, githubActions: github } });
    fields.push({ path: 'machineAccess.githubActions.audience', put: (v) => ({ ...c, githubActions: { ...github, audience: v } }), base: { ...c, githubActions: github } });
    // ACME's values land in a shell script too (acme/renew.sh).
    for (const key of ['email', 'directory']) {
      fields.push({ path: `tls.acme.${key}`, put: (v) => ({ ...c, tls: { acme: { ...WITH_ACME, [key]: v } } }), base: { ...c, tls: { acme: WITH_ACME } } });
    }
  }
  return fields;
}

/** The tls part the tls fields' values go into: all three files named, so a valid value changes nothing but itself. */
const WITH_CA = { certificate: 'tls/fullchain.pem', key: 'tls/privkey.pem', ca: 'tls/ca.pem' };
const WITH_ACME = { email: 'ops@example.com', directory: 'https://acme.example.net/directory' };

function shape(stack: Generated) {
  const compose = parseYaml(fileText(stack, 'docker-compose.yml')) as { services: Record<string, Record<string, unknown>> };
  return {
    services: Object.fromEntries(Object.entries(compose.services).map(([name, s]) => [name, Object.keys(s).sort()])),
    oauth2: Object.keys(parseToml(fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg'))).sort(),
    files: [...stack.files.keys()].sort(),
  };
}

const tools = needTools('nginx', 'oauth2-proxy', 'openssl');

tools.describe('hostile values in every identity provider field and the tls paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-provider-corpus-'));
  const certs = join(dir, 'certs');
  mkdirSync(certs);
  const ca = testCa();
  const leaf = ca.issue(['prefect.example.com', 'prefect-api.example.com']);
  copyFileSync(leaf.certFile, join(certs, 'certificate.pem'));
  copyFileSync(leaf.keyFile, join(certs, 'key.pem'));

  const cases = PROVIDER_CASES.flatMap((c) => fieldsOf(c).map((field) => [`${c.name}: ${field.path}`, c, field] as const));
  it.each(cases)('%s: refused naming the field, or rendered inert', (_label, c, field) => {
    const baseline = shape(renderProvider(field.base ?? c));
    let outcomes = 0;
    for (const value of HOSTILE) {
      let stack: Generated;
      try {
        stack = renderProvider(field.put(value), { IDP_CLIENT_SECRET: CLIENT_SECRET });
      } catch (error) {
        if (!(error instanceof UserError)) throw new Error(`${field.path} = ${JSON.stringify(value)}: ${(error as Error).stack}`);
        const named = error.problems.some((p) => p.path === field.path || p.path.startsWith(`${field.path}[`) || p.path === 'tls');
        expect(named, `${field.path} = ${JSON.stringify(value)}: ${JSON.stringify(error.problems)}`).toBe(true);
        outcomes++;
        continue;
      }
      const rendered = shape(stack);
      const label = `${field.path} = ${JSON.stringify(value)}`;
      expect(rendered.services, label).toEqual(baseline.services);
      expect(rendered.oauth2, label).toEqual(baseline.oauth2);
      expect(rendered.files, label).toEqual(baseline.files);
      const cfg = join(dir, 'oauth2-proxy.cfg');
      // The internal CA where compose mounts it (oauth2-proxy loads provider_ca_files to check its configuration).
      writeFileSync(cfg, fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg').replaceAll(CA_IN_CONTAINER, ca.caFile));
      const checked = spawnSync(tools.path('oauth2-proxy'), [`--config=${cfg}`, '--config-test'], {
        env: { PATH: process.env.PATH, OAUTH2_PROXY_CLIENT_SECRET: CLIENT_SECRET, OAUTH2_PROXY_COOKIE_SECRET: stack.secrets.OAUTH2_PROXY_COOKIE_SECRET },
        encoding: 'utf8',
      });
      expect(`${checked.stdout}${checked.stderr}`, label).toContain('configuration is valid');
      const conf = join(dir, 'nginx.conf');
      writeFileSync(conf, fileText(stack, 'proxy/nginx.conf').replaceAll(`${TLS_DIR_IN_PROXY}/`, `${certs}/`));
      const tested = nginxTest(conf, tools.path('nginx'));
      expect(tested.ok, `${label}\n${tested.output}`).toBe(true);
      if (stack.files.has(GITHUB_PROXY_CONFIG_FILE)) {
        const subjects = join(dir, 'github-subjects.txt');
        writeFileSync(subjects, fileText(stack, GITHUB_SUBJECTS_FILE));
        const githubCfg = join(dir, 'github-actions.cfg');
        writeFileSync(githubCfg, fileText(stack, GITHUB_PROXY_CONFIG_FILE).replaceAll(GITHUB_SUBJECTS, subjects));
        const github = spawnSync(tools.path('oauth2-proxy'), [`--config=${githubCfg}`, '--config-test'], {
          env: { PATH: process.env.PATH, OAUTH2_PROXY_COOKIE_SECRET: stack.secrets.OAUTH2_PROXY_COOKIE_SECRET },
          encoding: 'utf8',
        });
        expect(`${github.stdout}${github.stderr}`, label).toContain('configuration is valid');
        expect(() => parseYaml(fileText(stack, 'prefect/github-actions-deploy.yml')), label).not.toThrow();
        const block = printedBlock(fileText(stack, 'NEXT_STEPS.md'), 'ACTIONS_ID_TOKEN_REQUEST_URL');
        const parsed = spawnSync('/bin/bash', ['-n', '-c', block], { encoding: 'utf8' });
        expect(parsed.status, `${label}\n${parsed.stderr}`).toBe(0);
      }
      if (stack.files.has('acme/renew.sh')) {
        const script = join(dir, 'renew.sh');
        writeFileSync(script, fileText(stack, 'acme/renew.sh'));
        const parsed = spawnSync('/bin/sh', ['-n', script], { encoding: 'utf8' });
        expect(parsed.status, `${label}\n${parsed.stderr}`).toBe(0);
      }
      outcomes++;
    }
    expect(outcomes).toBe(HOSTILE.length);
  }, 120_000);
});
