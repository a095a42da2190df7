import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveChecks } from '../../../src/doctor/live/index.js';
import type { CheckResult, Finding } from '../../../src/doctor/types.js';
import { byId, quietOidcProviderNotices, startProvider, type RunningProvider } from './helpers.js';

const source = { file: 'oauth2-proxy.env', line: 3 };

let restoreConsole: () => void;
let provider: RunningProvider;
/** A second provider on another port that advertises the FIRST one's issuer (a port mapping). */
let mapped: RunningProvider;
/** A provider served at / that advertises an issuer with a path (like Keycloak's /realms/<realm>). */
let realm: RunningProvider;

beforeAll(async () => {
  restoreConsole = quietOidcProviderNotices();
  const clients = [{ client_id: 'prefect', client_secret: 'test-only', redirect_uris: ['http://127.0.0.1/oauth2/callback'] }];
  provider = await startProvider(clients);
  mapped = await startProvider(clients, () => provider.issuer);
  realm = await startProvider(clients, (port) => `http://127.0.0.1:${port}/realms/prefect`);
});

afterAll(async () => {
  await Promise.all([provider.close(), mapped.close(), realm.close()]);
  restoreConsole();
});

async function match(issuerUrl: string): Promise<CheckResult> {
  const results = await runLiveChecks({ issuers: [{ issuerUrl, source, expectPkce: false }], proxies: [], timeoutMs: 2000 });
  expect(byId(results, 'live-issuer-discovery').status).toBe('passed');
  return byId(results, 'live-issuer-match');
}

function only(result: CheckResult): Finding {
  expect(result.status).toBe('failed');
  expect(result.findings).toHaveLength(1);
  return result.findings[0]!;
}

describe('live-issuer-match', () => {
  it('passes when the configured issuer equals the advertised one exactly', async () => {
    const result = await match(provider.issuer);
    expect(result.status).toBe('passed');
    expect(result.findings).toEqual([]);
  });

  it('names the trailing slash', async () => {
    // oauth2-proxy strips one trailing slash to build the discovery URL, then compares the text.
    const f = only(await match(`${provider.issuer}/`));
    expect(f).toMatchObject({ id: 'live-issuer-match', severity: 'error', file: 'oauth2-proxy.env', line: 3 });
    expect(f.message).toBe(
      `The IdP advertises issuer "${provider.issuer}" but the configuration says "${provider.issuer}/" — they differ in trailing slash: ` +
        'trailing slash: configured ends with /, discovered no trailing /.',
    );
    expect(f.why).toContain(`expected "${provider.issuer}/" got "${provider.issuer}"`);
    expect(f.fix).toBe(
      `At oauth2-proxy.env:3 write the issuer exactly as the IdP advertises it: OAUTH2_PROXY_OIDC_ISSUER_URL=${provider.issuer} ` +
        `(as a flag: --oidc-issuer-url=${provider.issuer})`,
    );
  });

  it('names the port when another port serves a provider advertising a different one', async () => {
    const f = only(await match(`http://127.0.0.1:${mapped.port}`));
    expect(f.message).toContain('they differ in port:');
    expect(f.message).toContain(`port: configured :${mapped.port}, discovered :${provider.port}`);
    expect(f.message).not.toContain('host:');
    expect(f.fix).toContain(`OAUTH2_PROXY_OIDC_ISSUER_URL=${provider.issuer}`);
  });

  it('names the host (localhost vs 127.0.0.1) and nothing else', async () => {
    const f = only(await match(`http://localhost:${provider.port}`));
    expect(f.message).toContain('they differ in host:');
    expect(f.message).toContain('host: configured localhost, discovered 127.0.0.1');
    expect(f.message).not.toContain('port:');
    expect(f.why).toContain('make it advertise the configured one');
  });

  it('names the path', async () => {
    const f = only(await match(realm.origin));
    expect(f.message).toContain('they differ in path:');
    expect(f.message).toContain('path: configured (empty), discovered /realms/prefect');
    expect(f.message).not.toContain('trailing slash');
    expect(f.fix).toContain(`OAUTH2_PROXY_OIDC_ISSUER_URL=${realm.origin}/realms/prefect`);
  });

  it('writes the fix in .cfg form for a .cfg source', async () => {
    const results = await runLiveChecks({
      issuers: [{ issuerUrl: `${provider.issuer}/`, source: { file: 'oauth2-proxy.cfg', line: 7 }, expectPkce: false }],
      proxies: [],
      timeoutMs: 2000,
    });
    const f = only(byId(results, 'live-issuer-match'));
    expect(f.fix).toBe(`At oauth2-proxy.cfg:7 write the issuer exactly as the IdP advertises it: oidc_issuer_url = "${provider.issuer}"`);
  });
});
