import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveChecks, type LiveProxyTarget } from '../../../src/doctor/live/index.js';
import { byId, freePort, startHttp, startProxyScene, startSilent, type ProxyScene, type Running } from './helpers.js';

const source = { file: 'docker-compose.yml', line: 30 };
const TIMEOUT = 500;
const REDIRECT = 'http://prefect.localtest.me/oauth2/callback';

let scene: ProxyScene;
let authorizationEndpoint: string;
let answers200: Running;
let signInRedirect: Running;
let silent: Running;

beforeAll(async () => {
  scene = await startProxyScene(REDIRECT);
  authorizationEndpoint = scene.authorizationEndpoint;
  answers200 = await startHttp((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Prefect Server</title></head></html>');
  });
  signInRedirect = await startHttp((_req, res) => res.writeHead(302, { location: '/oauth2/sign_in?rd=%2F' }).end());
  silent = await startSilent();
});

afterAll(async () => {
  await Promise.all([answers200.close(), signInRedirect.close(), silent.close()]);
  await scene.close();
});

function target(startOrigin: string, overrides: Partial<LiveProxyTarget> = {}): LiveProxyTarget {
  return { startUrl: `${startOrigin}/oauth2/start`, redirectUrl: REDIRECT, clientId: 'prefect', issuerUrl: scene.provider.issuer, source, ...overrides };
}

async function run(proxy: LiveProxyTarget, withIssuer = true) {
  const started = Date.now();
  const results = await runLiveChecks({
    issuers: withIssuer ? [{ issuerUrl: proxy.issuerUrl, source: { file: 'docker-compose.yml', line: 5 }, expectPkce: true }] : [],
    proxies: [proxy],
    timeoutMs: TIMEOUT,
  });
  return { elapsed: Date.now() - started, start: byId(results, 'live-oauth2-start'), accepted: byId(results, 'live-redirect-accepted'), results };
}

describe('live-oauth2-start', () => {
  it('passes when the stand-in redirects to the discovered endpoint with the configured client and redirect URL', async () => {
    scene.standInOptions = { authorizationEndpoint, clientId: 'prefect', redirectUri: REDIRECT };
    const { start, accepted, results } = await run(target(scene.standIn.origin));
    expect(start.status).toBe('passed');
    expect(start.findings).toEqual([]);
    expect(accepted.status).toBe('passed');
    // Every issuer and sign-in check passed; the gate probe had no host to probe here.
    expect(results.filter((r) => !r.id.startsWith('live-gate') && r.id !== 'live-tls').every((r) => r.status === 'passed')).toBe(true);
  });

  it('reports a redirect_uri that differs from the configured one, naming the part (forced https)', async () => {
    const sent = 'https://prefect.localtest.me/oauth2/callback';
    scene.standInOptions = { authorizationEndpoint, clientId: 'prefect', redirectUri: sent };
    const { start, accepted } = await run(target(scene.standIn.origin));
    expect(start.status).toBe('failed');
    expect(start.findings).toHaveLength(1);
    const f = start.findings[0]!;
    expect(f).toMatchObject({ id: 'live-oauth2-start', severity: 'error', file: 'docker-compose.yml', line: 30 });
    expect(f.message).toBe(
      `oauth2-proxy sends redirect_uri "${sent}", but the configured redirect URL is "${REDIRECT}" — they differ in scheme: scheme: configured http, sent https.`,
    );
    expect(f.why).toContain('forces https');
    expect(f.fix).toBe(`Set OAUTH2_PROXY_REDIRECT_URL=${REDIRECT} (--redirect-url=${REDIRECT}) and recreate the oauth2-proxy container.`);
    // …and the real provider rejects the unregistered https URI.
    expect(accepted.status).toBe('failed');
    expect(accepted.findings[0]!.message).toContain(`oidc-provider rejects the redirect URI ${sent} for client prefect`);
  });

  it('reports a client_id that differs from the configured one; the provider does not know it', async () => {
    scene.standInOptions = { authorizationEndpoint, clientId: 'prefect-old', redirectUri: REDIRECT };
    const { start, accepted } = await run(target(scene.standIn.origin));
    expect(start.findings.map((f) => f.message)).toEqual([`oauth2-proxy sends client_id "prefect-old", but the configuration says "prefect".`]);
    expect(accepted.status).toBe('failed');
    expect(accepted.findings[0]!.message).toContain('The IdP does not know client prefect-old (invalid_client');
  });

  it('reports a Location whose host differs from the advertised authorization endpoint', async () => {
    const wrong = authorizationEndpoint.replace('127.0.0.1', 'localhost');
    scene.standInOptions = { authorizationEndpoint: wrong, clientId: 'prefect', redirectUri: REDIRECT };
    const { start } = await run(target(scene.standIn.origin));
    expect(start.status).toBe('failed');
    expect(start.findings).toHaveLength(1);
    expect(start.findings[0]!.message).toContain('they differ in host: host: advertised 127.0.0.1, sent localhost.');
  });

  it('reports a 200 answer (the UI answers /oauth2/) and skips the IdP probe', async () => {
    const { start, accepted } = await run(target(answers200.origin));
    expect(start.status).toBe('failed');
    expect(start.findings[0]!.message).toBe(`${answers200.origin}/oauth2/start answered HTTP 200 instead of redirecting (302) to the IdP.`);
    expect(start.findings[0]!.fix).toContain('location /oauth2/');
    expect(accepted.status).toBe('skipped');
  });

  it('reports a redirect that is not an authorization request', async () => {
    const { start } = await run(target(signInRedirect.origin));
    expect(start.findings[0]!.message).toBe(
      `${signInRedirect.origin}/oauth2/start redirects (HTTP 302) to ${signInRedirect.origin}/oauth2/sign_in, which is not an authorization request to the IdP.`,
    );
  });

  it('reports a refused start URL within the timeout', async () => {
    const port = await freePort();
    const { start, accepted, elapsed } = await run(target(`http://127.0.0.1:${port}`));
    expect(elapsed).toBeLessThan(TIMEOUT + 1000);
    expect(start.status).toBe('failed');
    expect(start.findings[0]!.message).toContain('Connection refused');
    expect(accepted.status).toBe('skipped');
  });

  it('ends a start URL that never answers at the timeout', async () => {
    const { start, elapsed } = await run(target(silent.origin));
    expect(elapsed).toBeLessThan(TIMEOUT + 1000);
    expect(start.findings[0]!.message).toBe(`No answer from ${silent.origin}/oauth2/start within ${TIMEOUT} ms.`);
  });

  it('warns that the endpoint could not be compared when the proxy issuer is not checked and discovery fails', async () => {
    const port = await freePort();
    scene.standInOptions = { authorizationEndpoint, clientId: 'prefect', redirectUri: REDIRECT };
    const { start } = await run(target(scene.standIn.origin, { issuerUrl: `http://127.0.0.1:${port}` }), false);
    expect(start.status).toBe('warned');
    expect(start.findings[0]!.message).toContain('Could not compare the Location with the authorization endpoint');
  });
});
