import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_CHECK_IDS, runLiveChecks, type LiveInput } from '../../../src/doctor/live/index.js';
import { startSilent, type Running } from './helpers.js';

const source = { file: 'docker-compose.yml', line: 1 };
let silent: Running[];

beforeAll(async () => {
  silent = await Promise.all([startSilent(), startSilent(), startSilent()]);
});

afterAll(async () => {
  await Promise.all(silent.map((s) => s.close()));
});

describe('runLiveChecks', () => {
  it('returns every live check id, skipped, when there is nothing to probe', async () => {
    const results = await runLiveChecks({ issuers: [], proxies: [], timeoutMs: 500 });
    expect(results.map((r) => r.id)).toEqual([
      'live-issuer-discovery',
      'live-issuer-match',
      'live-jwks',
      'live-pkce',
      'live-oauth2-start',
      'live-redirect-accepted',
      'live-gate',
      'live-gate-credentials',
      'live-tls',
    ]);
    expect(LIVE_CHECK_IDS).toEqual(results.map((r) => r.id));
    expect(results.every((r) => r.status === 'skipped' && r.findings.length === 0)).toBe(true);
  });

  it('probes in parallel: three silent issuers and three silent proxies end together, within one timeout', async () => {
    const input: LiveInput = {
      issuers: silent.map((s) => ({ issuerUrl: s.origin, source, expectPkce: true })),
      proxies: silent.map((s) => ({ startUrl: `${s.origin}/oauth2/start`, redirectUrl: 'http://x/oauth2/callback', clientId: 'c', issuerUrl: s.origin, source })),
      timeoutMs: 500,
    };
    const started = Date.now();
    const results = await runLiveChecks(input);
    expect(Date.now() - started).toBeLessThan(1500);
    const discovery = results.find((r) => r.id === 'live-issuer-discovery')!;
    expect(discovery.findings).toHaveLength(3);
    expect(results.find((r) => r.id === 'live-oauth2-start')!.findings).toHaveLength(3);
  });

  it('turns an exception into crashed results instead of throwing', async () => {
    const broken = { issuers: [{ issuerUrl: undefined, source, expectPkce: false }], proxies: [], timeoutMs: 500 } as unknown as LiveInput;
    const results = await runLiveChecks(broken);
    const discovery = results.find((r) => r.id === 'live-issuer-discovery')!;
    expect(discovery.status).toBe('crashed');
    expect(discovery.findings[0]).toMatchObject({ id: 'live-issuer-discovery', severity: 'error', file: 'docker-compose.yml', line: 1 });
    expect(discovery.findings[0]!.message).toContain('crashed');
  });

  it('survives input that is not even an object', async () => {
    const results = await runLiveChecks(null as unknown as LiveInput);
    expect(results).toHaveLength(9);
    expect(results.every((r) => r.status === 'crashed')).toBe(true);
  });
});
