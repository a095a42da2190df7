/**
 * doctor on the stack `init --preset local` renders: zero findings. Changing
 * its issuer, redirect URL or cookie secret by hand makes doctor report
 * exactly that, at the line that was changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { loadStack } from '../../src/doctor/load/index.js';
import { memoryTree } from '../../src/doctor/load/tree.js';
import { runChecks } from '../../src/doctor/run.js';
import type { Finding } from '../../src/doctor/types.js';
import { runCli } from '../helpers/cli.js';
import { renderLocal } from '../helpers/stack.js';
import { writeStackAtomic } from '../../src/write/atomic.js';
import { brief, edit, lineOf } from './helpers.js';

const generated = renderLocal();
const rendered: Record<string, string> = Object.fromEntries([...generated.files].map(([path, file]) => [path, file.content]));
const CFG = 'oauth2-proxy/oauth2-proxy.cfg';

async function doctor(files: Record<string, string>): Promise<Finding[]> {
  const results = await runChecks(loadStack(memoryTree(files), '.'), CHECKS);
  expect(results.filter((r) => r.status === 'crashed')).toEqual([]);
  return results.flatMap((r) => r.findings);
}

const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

describe('doctor on the rendered local stack', () => {
  it('reports nothing: no errors and no warnings', async () => {
    expect(brief(await doctor(rendered))).toEqual([]);
  });

  it('actually looked at the stack: every part of it was loaded', () => {
    const model = loadStack(memoryTree(rendered), '.');
    expect(model.problems).toEqual([]);
    expect(model.oauth2Proxies).toHaveLength(1);
    expect(model.oauth2Proxies[0]!.configFile).toBe(CFG);
    expect(model.nginx.map((n) => n.file)).toEqual(['proxy/nginx.conf']);
    expect(model.keycloaks[0]!.realms.map((r) => r.file)).toEqual(['keycloak/prefect-realm.json']);
    expect(model.prefect.services.map((p) => `${p.service}:${p.role}`)).toEqual(['prefect-server:server']);
    expect(model.prefect.profiles.map((p) => p.name).sort()).toEqual(['ci', 'worker']);
  });

  it('a changed issuer port is reported, only at the issuer line', async () => {
    const cfg = edit(rendered[CFG]!, 'http://keycloak.localtest.me:8080/realms/prefect', 'http://keycloak.localtest.me:8081/realms/prefect');
    const line = lineOf(cfg, 'oidc_issuer_url');
    expect(brief(errors(await doctor({ ...rendered, [CFG]: cfg })))).toEqual([`error issuer-keycloak-hostname ${CFG}:${line}`]);
  });

  it('an issuer on localhost is reported as a mismatch and as split-brain, both at the issuer line', async () => {
    const cfg = edit(rendered[CFG]!, 'http://keycloak.localtest.me:8080/realms/prefect', 'http://localhost:8080/realms/prefect');
    const line = lineOf(cfg, 'oidc_issuer_url');
    expect(brief(errors(await doctor({ ...rendered, [CFG]: cfg }))).sort()).toEqual([`error issuer-keycloak-hostname ${CFG}:${line}`, `error issuer-split-brain ${CFG}:${line}`]);
  });

  it('a changed redirect URL is reported against the callback path and the realm, at the redirect line', async () => {
    const cfg = edit(rendered[CFG]!, 'http://prefect.localtest.me:8080/oauth2/callback', 'http://prefect.localtest.me:8080/oauth2/callbak');
    const found = errors(await doctor({ ...rendered, [CFG]: cfg }));
    const line = lineOf(cfg, 'redirect_url');
    expect(brief(found)).toEqual([`error redirect-url-mismatch ${CFG}:${line}`, `error redirect-url-mismatch ${CFG}:${line}`]);
    expect(found[1]!.message).toContain('keycloak/prefect-realm.json');
  });

  it('a cookie secret replaced with `openssl rand -base64 32` output is reported at its .env line', async () => {
    const value = rendered['.env']!.split('\n').find((l) => l.startsWith('OAUTH2_PROXY_COOKIE_SECRET='))!;
    const env = edit(rendered['.env']!, value, 'OAUTH2_PROXY_COOKIE_SECRET=q7X+2m/9kLz8Vb3N4tR1yU6wE0pA5sD7fG2hJ9kL3xQ=');
    const found = await doctor({ ...rendered, '.env': env });
    expect(brief(found)).toEqual([`error oauth2-proxy-cookie-secret .env:${lineOf(env, 'OAUTH2_PROXY_COOKIE_SECRET=')}`]);
  });
});

describe('the built CLI on a stack written by init', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'prefect-secure-doctor-'));
    writeStackAtomic(join(root, 'stack'), generated.files);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exits 0 and ends with the summary line', async () => {
    const result = await runCli(['doctor', join(root, 'stack')]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^0 errors, 0 warnings, \d+ checks passed$/);
    expect(result.stdout).not.toContain('\u001b[');
  });
});
