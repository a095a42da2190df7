import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveChecks } from '../../../src/doctor/live/index.js';
import { byId, json, quietOidcProviderNotices, startHttp, startProvider, type Running, type RunningProvider } from './helpers.js';

const source = { file: 'docker-compose.yml', line: 20 };

let restoreConsole: () => void;
let provider: RunningProvider;
let plainOnly: Running;
let unadvertised: Running;

function fakeIdp(extra: Record<string, unknown>): Promise<Running> {
  const server: { origin?: string } = {};
  const running = startHttp((req, res) => {
    if (req.url === '/.well-known/openid-configuration') json(res, { issuer: server.origin, jwks_uri: `${server.origin}/jwks`, ...extra });
    else json(res, { keys: [{ kty: 'RSA', use: 'sig', kid: 'k', n: 'AQAB', e: 'AQAB' }] });
  });
  return running.then((r) => ((server.origin = r.origin), r));
}

beforeAll(async () => {
  restoreConsole = quietOidcProviderNotices();
  provider = await startProvider([{ client_id: 'prefect', client_secret: 'test-only', redirect_uris: ['http://127.0.0.1/oauth2/callback'] }]);
  plainOnly = await fakeIdp({ code_challenge_methods_supported: ['plain'] });
  unadvertised = await fakeIdp({});
});

afterAll(async () => {
  await Promise.all([provider.close(), plainOnly.close(), unadvertised.close()]);
  restoreConsole();
});

async function check(issuerUrl: string, expectPkce: boolean) {
  const results = await runLiveChecks({ issuers: [{ issuerUrl, source, expectPkce }], proxies: [], timeoutMs: 1000 });
  return byId(results, 'live-pkce');
}

describe('live-pkce', () => {
  it('passes: the real provider advertises S256', async () => {
    const result = await check(provider.issuer, true);
    expect(result.status).toBe('passed');
    expect(result.findings).toEqual([]);
  });

  it('is skipped when PKCE is not configured (that direction is the static doctor)', async () => {
    expect((await check(plainOnly.origin, false)).status).toBe('skipped');
  });

  it('warns when the IdP advertises only plain', async () => {
    const result = await check(plainOnly.origin, true);
    expect(result.status).toBe('warned');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ id: 'live-pkce', severity: 'warning', file: 'docker-compose.yml', line: 20 });
    expect(result.findings[0]!.message).toBe(
      `PKCE is configured (code_challenge_method=S256) but ${plainOnly.origin} advertises only [plain].`,
    );
  });

  it('warns when the IdP does not advertise code_challenge_methods_supported', async () => {
    const result = await check(unadvertised.origin, true);
    expect(result.status).toBe('warned');
    expect(result.findings[0]!.message).toContain('does not advertise code_challenge_methods_supported');
  });
});
