/**
 * doctor on the stacks `init --proxy caddy` and `--proxy traefik` render:
 * zero findings, with the proxy checks really applied (the routes read from
 * the Caddyfile, its snippets expanded, and from Traefik's files), and the
 * classic hand-made mistakes on the same stacks reported: the UI's /api left
 * without SSO, the machine API left without its passwords, and v2 rule syntax
 * on Traefik v3, a sign-in redirect where /api must answer 401 (each proxy),
 * and Traefik's dashboard open.
 */
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { loadStack } from '../../src/doctor/load/index.js';
import { memoryTree } from '../../src/doctor/load/tree.js';
import { runChecks } from '../../src/doctor/run.js';
import { PRESETS } from '../../src/config/presets.js';
import { renderLocal } from '../helpers/stack.js';
import { brief, edit, lineOf } from './helpers.js';

function rendered(proxy: 'nginx' | 'caddy' | 'traefik'): Record<string, string> {
  const generated = renderLocal({ ...PRESETS.local, proxy: { type: proxy } } as never);
  return Object.fromEntries([...generated.files].map(([path, file]) => [path, file.content]));
}

async function doctor(files: Record<string, string>) {
  const results = await runChecks(loadStack(memoryTree(files), '.'), CHECKS);
  expect(results.filter((r) => r.status === 'crashed')).toEqual([]);
  return results;
}

const PROXY_CHECKS = ['proxy-ui-api-auth', 'proxy-api-open', 'redirect-url-mismatch', 'exposure-published-backend'];

describe('doctor on the rendered Caddy stack', () => {
  const files = rendered('caddy');
  const CADDYFILE = 'proxy/Caddyfile';

  it('reports nothing, and applied the proxy checks to the Caddyfile it read', async () => {
    const results = await doctor(files);
    expect(brief(results.flatMap((r) => r.findings))).toEqual([]);
    for (const id of PROXY_CHECKS) expect(results.find((r) => r.id === id)?.status, id).toBe('passed');
    expect(loadStack(memoryTree(files), '.').caddy.map((c) => c.file)).toEqual([CADDYFILE]);
  });

  it("the UI's /api without the SSO snippet is an error at that route", async () => {
    const text = edit(files[CADDYFILE]!, '\thandle /api/* {\n\t\timport signed-in\n\t\timport prefect-for-people', '\thandle /api/* {\n\t\timport prefect-for-people');
    const findings = (await doctor({ ...files, [CADDYFILE]: text })).flatMap((r) => r.findings);
    expect(brief(findings)).toEqual([`error proxy-ui-api-auth ${CADDYFILE}:${lineOf(text, '\thandle /api/* {') + 1}`]);
  });

  it("the UI's /api left to the sign-in route (its forward_auth has a handle_response) is an error", async () => {
    const text = edit(files[CADDYFILE]!, '\thandle /api/* {\n\t\timport signed-in\n\t\timport prefect-for-people\n\t}\n', '');
    const findings = (await doctor({ ...files, [CADDYFILE]: text })).flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['error proxy-api-sign-in-redirect']);
  });

  it('the machine API without basic_auth is a warning at that route', async () => {
    const text = edit(files[CADDYFILE]!, '\t\t\tbasic_auth {\n\t\t\t\timport /etc/caddy/machine-users\n\t\t\t}\n', '');
    const findings = (await doctor({ ...files, [CADDYFILE]: text })).flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['warning proxy-api-open']);
    expect(findings[0]!.message).toContain('prefect-api.localtest.me');
  });
});

describe('doctor on the rendered Traefik stack', () => {
  const files = rendered('traefik');
  const ROUTES = 'proxy/traefik/prefect.yml';

  it('reports nothing, and applied the proxy checks to the files it read', async () => {
    const results = await doctor(files);
    expect(brief(results.flatMap((r) => r.findings))).toEqual([]);
    for (const id of [...PROXY_CHECKS, 'traefik-v2-rule-syntax']) expect(results.find((r) => r.id === id)?.status, id).toBe('passed');
    const model = loadStack(memoryTree(files), '.').traefik;
    expect(model.files.sort()).toEqual(['proxy/traefik.yml', ROUTES]);
    expect(model.routers.map((r) => r.name).sort()).toEqual(['idp', 'idp-admin', 'machine', 'machine-health', 'ui', 'ui-api', 'ui-oauth2']);
  });

  it("the UI's /api router without forwardAuth is an error at that router", async () => {
    const text = edit(files[ROUTES]!, 'middlewares: ["security-headers", "ui-csp", "no-identity", "signed-in"]', 'middlewares: ["security-headers", "ui-csp", "no-identity"]');
    const findings = (await doctor({ ...files, [ROUTES]: text })).flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['error proxy-ui-api-auth']);
  });

  it("the errors middleware that starts the sign-in, on the UI's /api router, is an error", async () => {
    const text = edit(files[ROUTES]!, 'middlewares: ["security-headers", "ui-csp", "no-identity", "signed-in"]', 'middlewares: ["security-headers", "ui-csp", "no-identity", "sign-in", "signed-in"]');
    const findings = (await doctor({ ...files, [ROUTES]: text })).flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['error proxy-api-sign-in-redirect']);
  });

  it('the dashboard: api.insecure on the published port, and a router to api@internal without auth, are errors; with basicAuth, none', async () => {
    const STATIC = 'proxy/traefik.yml';
    const insecure = `${files[STATIC]!}\napi:\n  insecure: true\n`;
    let findings = (await doctor({ ...files, [STATIC]: insecure })).flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['error traefik-dashboard-open']);
    expect(findings[0]!.message).toContain('published on 8080');
    const router = (middlewares: string) =>
      edit(files[ROUTES]!, '  routers:\n', `  routers:\n    dashboard:\n      rule: "Host(\`traefik.localtest.me\`)"\n      entryPoints: ["web"]\n${middlewares}      service: api@internal\n`);
    findings = (await doctor({ ...files, [ROUTES]: router('') })).flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['error traefik-dashboard-open']);
    findings = (await doctor({ ...files, [ROUTES]: router('      middlewares: ["machine-passwords"]\n') })).flatMap((r) => r.findings);
    expect(findings).toEqual([]);
  });

  it('v2 rule syntax (several hosts in one matcher) is an error at that rule', async () => {
    const text = edit(files[ROUTES]!, 'rule: "Host(`prefect.localtest.me`)"', 'rule: "Host(`prefect.localtest.me`, `prefect.localhost`)"');
    const findings = (await doctor({ ...files, [ROUTES]: text })).flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toContain('error traefik-v2-rule-syntax');
  });
});

describe('doctor on the rendered nginx stack: /api must answer 401', () => {
  it('without its own /api/ location, the UI location\'s error_page 401 redirects API calls to sign in: an error', async () => {
    const files = rendered('nginx');
    const CONF = 'proxy/nginx.conf';
    const start = files[CONF]!.indexOf('        # The API the UI calls');
    const end = files[CONF]!.indexOf('        location / {', start);
    const text = files[CONF]!.slice(0, start) + files[CONF]!.slice(end);
    const findings = (await doctor({ ...files, [CONF]: text })).flatMap((r) => r.findings);
    // The /api/ location also carried the WebSocket headers and unbuffered streaming: both are missed too.
    expect(findings.map((f) => `${f.severity} ${f.id}`).sort()).toEqual(['error nginx-api-websocket', 'error proxy-api-sign-in-redirect', 'warning nginx-api-buffering']);
  });
});
