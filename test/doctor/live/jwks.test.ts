import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveChecks } from '../../../src/doctor/live/index.js';
import { byId, freePort, json, quietOidcProviderNotices, startHttp, startProvider, type Running, type RunningProvider } from './helpers.js';

const source = { file: 'docker-compose.yml', line: 12 };

let restoreConsole: () => void;
let provider: RunningProvider;
/** Serves a valid discovery document whose JWKS is broken in the way `jwks` says. */
let fake: Running;
let jwks: { status: number; body: unknown } = { status: 200, body: { keys: [] } };
let jwksUri: (origin: string) => string = (origin) => `${origin}/jwks`;

beforeAll(async () => {
  restoreConsole = quietOidcProviderNotices();
  provider = await startProvider([{ client_id: 'prefect', client_secret: 'test-only', redirect_uris: ['http://127.0.0.1/oauth2/callback'] }]);
  fake = await startHttp((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      json(res, { issuer: fake.origin, authorization_endpoint: `${fake.origin}/auth`, jwks_uri: jwksUri(fake.origin) });
    } else if (req.url === '/jwks') {
      json(res, jwks.body, jwks.status);
    } else {
      res.writeHead(404).end();
    }
  });
});

afterAll(async () => {
  await Promise.all([provider.close(), fake.close()]);
  restoreConsole();
});

async function check(issuerUrl: string) {
  const results = await runLiveChecks({ issuers: [{ issuerUrl, source, expectPkce: false }], proxies: [], timeoutMs: 1000 });
  return byId(results, 'live-jwks');
}

describe('live-jwks', () => {
  it('passes when the real provider publishes its signing key', async () => {
    const result = await check(provider.issuer);
    expect(result.status).toBe('passed');
    expect(result.findings).toEqual([]);
  });

  it('fails on an empty keys array', async () => {
    jwks = { status: 200, body: { keys: [] } };
    const result = await check(fake.origin);
    expect(result.status).toBe('failed');
    expect(result.findings[0]).toMatchObject({ id: 'live-jwks', severity: 'error', file: 'docker-compose.yml', line: 12 });
    expect(result.findings[0]!.message).toBe(`The JWKS at ${fake.origin}/jwks has no keys.`);
  });

  it('fails when there is no keys array', async () => {
    jwks = { status: 200, body: { error: 'nope' } };
    const result = await check(fake.origin);
    expect(result.findings[0]!.message).toBe(`The JSON at ${fake.origin}/jwks has no "keys" array.`);
  });

  it('fails on a non-200 JWKS', async () => {
    jwks = { status: 500, body: {} };
    const result = await check(fake.origin);
    expect(result.findings[0]!.message).toBe(`The JWKS at ${fake.origin}/jwks answered HTTP 500 instead of 200.`);
  });

  it('fails with network advice when the jwks_uri is unreachable', async () => {
    const port = await freePort();
    jwksUri = () => `http://127.0.0.1:${port}/jwks`;
    try {
      const result = await check(fake.origin);
      expect(result.status).toBe('failed');
      expect(result.findings[0]!.message).toContain(`Connection refused at http://127.0.0.1:${port}/jwks`);
    } finally {
      jwksUri = (origin) => `${origin}/jwks`;
    }
  });
});
