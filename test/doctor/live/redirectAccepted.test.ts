import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveChecks, type LiveProxyTarget } from '../../../src/doctor/live/index.js';
import { byId, json, startHttp, startProxyScene, startSilent, type ProxyScene, type Running } from './helpers.js';

const source = { file: 'docker-compose.yml', line: 30 };
const TIMEOUT = 500;
const REGISTERED = 'http://prefect.localtest.me/oauth2/callback';

let scene: ProxyScene;
let authorizationEndpoint: string;
/** Stand-ins for IdPs that are not available offline; they answer with those IdPs' own error texts. */
let otherIdp: Running;
let otherIdpAnswer: (res: import('node:http').ServerResponse) => void;
let silentIdp: Running;

beforeAll(async () => {
  scene = await startProxyScene(REGISTERED);
  authorizationEndpoint = scene.authorizationEndpoint;
  otherIdp = await startHttp((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      json(res, { issuer: otherIdp.origin, authorization_endpoint: `${otherIdp.origin}/auth`, jwks_uri: `${otherIdp.origin}/jwks` });
    } else otherIdpAnswer(res);
  });
  silentIdp = await startSilent();
});

afterAll(async () => {
  await Promise.all([otherIdp.close(), silentIdp.close()]);
  await scene.close();
});

async function run(redirectUri: string, endpoint = authorizationEndpoint, issuerUrl = scene.provider.issuer) {
  scene.standInOptions = { authorizationEndpoint: endpoint, clientId: 'prefect', redirectUri };
  const proxy: LiveProxyTarget = { startUrl: `${scene.standIn.origin}/oauth2/start`, redirectUrl: redirectUri, clientId: 'prefect', issuerUrl, source };
  const started = Date.now();
  const results = await runLiveChecks({ issuers: [], proxies: [proxy], timeoutMs: TIMEOUT });
  return { elapsed: Date.now() - started, start: byId(results, 'live-oauth2-start'), accepted: byId(results, 'live-redirect-accepted') };
}

describe('live-redirect-accepted', () => {
  it('passes when the real provider accepts the registered redirect URI (it redirects to its login)', async () => {
    const { start, accepted } = await run(REGISTERED);
    expect(start.status).toBe('passed');
    expect(accepted.status).toBe('passed');
    expect(accepted.findings).toEqual([]);
  });

  it('fails when the real provider rejects an unregistered redirect URI, even though the config is consistent', async () => {
    const wrong = 'http://prefect.localtest.me:8080/oauth2/callback';
    const { start, accepted } = await run(wrong);
    expect(start.status).toBe('passed');
    expect(accepted.status).toBe('failed');
    expect(accepted.findings).toHaveLength(1);
    const f = accepted.findings[0]!;
    expect(f).toMatchObject({ id: 'live-redirect-accepted', severity: 'error', file: 'docker-compose.yml', line: 30 });
    expect(f.message).toBe(`oidc-provider rejects the redirect URI ${wrong} for client prefect (invalid_redirect_uri from ${authorizationEndpoint}).`);
    expect(f.fix).toContain(`Register ${wrong} exactly as a redirect URI of client prefect`);
    // The state and PKCE challenge of the request are never echoed.
    expect(JSON.stringify(accepted)).not.toContain('code_challenge=');
  });

  it('recognises Keycloak "Invalid parameter: redirect_uri"', async () => {
    otherIdpAnswer = (res) => res.writeHead(400, { 'content-type': 'text/html' }).end('<html><body><p id="kc-error-message">Invalid parameter: redirect_uri</p></body></html>');
    const { accepted } = await run(REGISTERED, `${otherIdp.origin}/auth`, otherIdp.origin);
    expect(accepted.status).toBe('failed');
    expect(accepted.findings[0]!.message).toContain('Keycloak rejects the redirect URI');
    expect(accepted.findings[0]!.fix).toContain('Valid redirect URIs of client prefect');
  });

  it('recognises Entra ID AADSTS50011', async () => {
    otherIdpAnswer = (res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end("<html>AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.</html>");
    const { accepted } = await run(REGISTERED, `${otherIdp.origin}/auth`, otherIdp.origin);
    expect(accepted.findings[0]!.message).toContain('Entra ID rejects the redirect URI');
    expect(accepted.findings[0]!.fix).toContain('Authentication → Web → Redirect URIs');
  });

  it('reports an OAuth error sent back to the redirect URI', async () => {
    otherIdpAnswer = (res) => res.writeHead(302, { location: `${REGISTERED}?error=invalid_scope&error_description=scope+email+is+not+allowed&state=x` }).end();
    const { accepted } = await run(REGISTERED, `${otherIdp.origin}/auth`, otherIdp.origin);
    expect(accepted.findings[0]!.message).toBe(
      'The IdP accepted the redirect URI but refused the authorization request: error=invalid_scope (scope email is not allowed).',
    );
  });

  it('warns on an answer it does not recognise', async () => {
    otherIdpAnswer = (res) => res.writeHead(500).end('boom');
    const { accepted } = await run(REGISTERED, `${otherIdp.origin}/auth`, otherIdp.origin);
    expect(accepted.status).toBe('warned');
    expect(accepted.findings[0]!.severity).toBe('warning');
  });

  it('ends an authorization endpoint that never answers at the timeout', async () => {
    const { accepted, elapsed } = await run(REGISTERED, `${silentIdp.origin}/auth`, otherIdp.origin);
    expect(elapsed).toBeLessThan(2 * TIMEOUT + 1000);
    expect(accepted.status).toBe('failed');
    expect(accepted.findings[0]!.message).toBe(`No answer from ${silentIdp.origin}/auth within ${TIMEOUT} ms.`);
  });
});
