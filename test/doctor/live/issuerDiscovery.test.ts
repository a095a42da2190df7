import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveChecks } from '../../../src/doctor/live/index.js';
import { byId, freePort, quietOidcProviderNotices, startHttp, startProvider, startSilent, type Running, type RunningProvider } from './helpers.js';

const source = { file: 'docker-compose.yml', line: 42 };
const TIMEOUT = 500;

let restoreConsole: () => void;
let provider: RunningProvider;
let silent: Running;
let html: Running;
let stalledBody: Running;
let refusedPort: number;
let redirector: Running;

beforeAll(async () => {
  restoreConsole = quietOidcProviderNotices();
  provider = await startProvider([{ client_id: 'prefect', client_secret: 'test-only', redirect_uris: ['http://127.0.0.1/oauth2/callback'] }]);
  silent = await startSilent();
  html = await startHttp((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><title>Prefect Server</title></head><body>app</body></html>');
  });
  stalledBody = await startHttp((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"issuer": "http://'); // and never finishes
  });
  refusedPort = await freePort();
  redirector = await startHttp((req, res) => res.writeHead(301, { location: `${provider.issuer}${req.url}` }).end());
});

afterAll(async () => {
  await Promise.all([provider.close(), silent.close(), html.close(), stalledBody.close(), redirector.close()]);
  restoreConsole();
});

async function discover(issuerUrl: string) {
  const started = Date.now();
  const results = await runLiveChecks({ issuers: [{ issuerUrl, source, expectPkce: false }], proxies: [], timeoutMs: TIMEOUT });
  return { results, elapsed: Date.now() - started, discovery: byId(results, 'live-issuer-discovery') };
}

describe('live-issuer-discovery', () => {
  it('passes against a real OpenID provider', async () => {
    const { discovery, results } = await discover(provider.issuer);
    expect(discovery.status).toBe('passed');
    expect(discovery.findings).toEqual([]);
    expect(byId(results, 'live-issuer-match').status).toBe('passed');
  });

  it('reports a refused port within the timeout, with split-brain advice for 127.0.0.1', async () => {
    const { discovery, elapsed, results } = await discover(`http://127.0.0.1:${refusedPort}/realms/prefect`);
    expect(elapsed).toBeLessThan(TIMEOUT + 1000);
    expect(discovery.status).toBe('failed');
    const [f] = discovery.findings;
    expect(f).toMatchObject({ id: 'live-issuer-discovery', severity: 'error', file: 'docker-compose.yml', line: 42 });
    expect(f!.message).toContain('Connection refused');
    expect(f!.message).toContain('ECONNREFUSED');
    expect(f!.why).toContain('split-brain');
    expect(f!.fix).toContain('aliases');
    // Nothing to compare without a document.
    expect(byId(results, 'live-issuer-match').status).toBe('skipped');
    expect(byId(results, 'live-jwks').status).toBe('skipped');
  });

  it('ends a server that accepts but never answers at the timeout', async () => {
    const { discovery, elapsed } = await discover(silent.origin);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT - 50);
    expect(elapsed).toBeLessThan(TIMEOUT + 1000);
    expect(discovery.findings).toHaveLength(1);
    expect(discovery.findings[0]).toMatchObject({ severity: 'error' });
    expect(discovery.findings[0]!.message).toBe(`No answer from ${silent.origin}/.well-known/openid-configuration within ${TIMEOUT} ms.`);
    expect(discovery.findings[0]!.fix).toContain('--timeout');
  });

  it('ends a body that never finishes at the timeout', async () => {
    const { discovery, elapsed } = await discover(stalledBody.origin);
    expect(elapsed).toBeLessThan(TIMEOUT + 1000);
    expect(discovery.status).toBe('failed');
    expect(discovery.findings[0]!.message).toContain(`within ${TIMEOUT} ms`);
  });

  it('reports a discovery URL that answers HTML instead of JSON', async () => {
    const { discovery } = await discover(html.origin);
    expect(discovery.status).toBe('failed');
    expect(discovery.findings[0]!.message).toBe(
      `Discovery at ${html.origin}/.well-known/openid-configuration did not return JSON (text/html, page title "Prefect Server").`,
    );
  });

  it('reports a wrong issuer path as 404 with the Keycloak path advice', async () => {
    const { discovery } = await discover(`${provider.issuer}/auth/realms/prefect`);
    expect(discovery.status).toBe('failed');
    expect(discovery.findings[0]!.message).toBe(`No OpenID configuration at ${provider.issuer}/auth/realms/prefect/.well-known/openid-configuration (HTTP 404).`);
    expect(discovery.findings[0]!.why).toContain('/realms/<realm>');
  });

  it('follows a redirect like oauth2-proxy does, warns about it, and compares the final issuer', async () => {
    const { discovery, results } = await discover(redirector.origin);
    expect(discovery.status).toBe('warned');
    expect(discovery.findings).toHaveLength(1);
    expect(discovery.findings[0]).toMatchObject({ severity: 'warning' });
    expect(discovery.findings[0]!.message).toBe(
      `Discovery at ${redirector.origin}/.well-known/openid-configuration redirects (HTTP 301) to ${provider.issuer}/.well-known/openid-configuration.`,
    );
    const match = byId(results, 'live-issuer-match');
    expect(match.status).toBe('failed');
    expect(match.findings[0]!.message).toContain('they differ in port:');
  });

  it('reports https spoken to a plain-HTTP port as a TLS finding', async () => {
    const { discovery } = await discover(`https://127.0.0.1:${provider.port}`);
    expect(discovery.status).toBe('failed');
    expect(discovery.findings[0]!.message).toContain('answers plain HTTP');
    expect(discovery.findings[0]!.fix).toContain('http://');
  });
});
