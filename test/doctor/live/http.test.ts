import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFetchError } from '../../../src/doctor/live/http.js';
import { runLiveChecks } from '../../../src/doctor/live/index.js';

/** Shapes undici really throws: TypeError('fetch failed') with the system error as `cause`. */
const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
const sysError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('classifyFetchError', () => {
  it('classifies refused, DNS, TLS, reset and timeouts', () => {
    expect(classifyFetchError(fetchFailed(sysError('ECONNREFUSED')), false, 500)).toMatchObject({ failure: 'refused', code: 'ECONNREFUSED' });
    expect(classifyFetchError(fetchFailed(sysError('ENOTFOUND', 'getaddrinfo ENOTFOUND keycloak')), false, 500)).toMatchObject({ failure: 'dns', code: 'ENOTFOUND' });
    expect(classifyFetchError(fetchFailed(sysError('EAI_AGAIN')), false, 500)).toMatchObject({ failure: 'dns' });
    expect(classifyFetchError(fetchFailed(sysError('DEPTH_ZERO_SELF_SIGNED_CERT')), false, 500)).toMatchObject({ failure: 'tls' });
    expect(classifyFetchError(fetchFailed(sysError('ERR_TLS_CERT_ALTNAME_INVALID')), false, 500)).toMatchObject({ failure: 'tls' });
    expect(classifyFetchError(fetchFailed(sysError('ERR_SSL_WRONG_VERSION_NUMBER')), false, 500)).toMatchObject({ failure: 'tls-plain-http' });
    expect(classifyFetchError(fetchFailed(sysError('UND_ERR_SOCKET')), false, 500)).toMatchObject({ failure: 'reset' });
    expect(classifyFetchError(Object.assign(new Error('x'), { name: 'TimeoutError' }), false, 500)).toMatchObject({ failure: 'timeout' });
    expect(classifyFetchError(new Error('aborted'), true, 500)).toEqual({ failure: 'timeout', detail: 'no answer within 500 ms' });
  });

  it('finds the code inside an AggregateError (happy eyeballs tries ::1 and 127.0.0.1)', () => {
    const aggregate = new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], 'all failed');
    expect(classifyFetchError(fetchFailed(aggregate), false, 500)).toMatchObject({ failure: 'refused', code: 'ECONNREFUSED' });
  });

  it('keeps unknown errors as network errors with their message', () => {
    expect(classifyFetchError(fetchFailed(new Error('unknown scheme')), false, 500)).toEqual({ failure: 'network', detail: 'unknown scheme' });
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOpenssl())('TLS against a self-signed certificate on 127.0.0.1', () => {
  let dir: string;
  let server: https.Server;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'live-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports an untrusted certificate with the private-CA fix for oauth2-proxy', async () => {
    const results = await runLiveChecks({
      issuers: [{ issuerUrl: `https://127.0.0.1:${port}/realms/prefect`, source: { file: 'compose.yml', line: 9 }, expectPkce: false }],
      proxies: [],
      timeoutMs: 2000,
    });
    const discovery = results.find((r) => r.id === 'live-issuer-discovery')!;
    expect(discovery.status).toBe('failed');
    const f = discovery.findings[0]!;
    expect(f.message).toContain(`TLS to 127.0.0.1:${port} failed (DEPTH_ZERO_SELF_SIGNED_CERT)`);
    expect(f.fix).toContain('--provider-ca-file=');
    expect(f.fix).toContain('NODE_EXTRA_CA_CERTS=');
  });
});

describe('a port that accepts and closes at once (Docker\'s proxy while its container is down)', () => {
  it.each([
    ['closes before the request', (s: import('node:net').Socket) => s.destroy()],
    ['closes after reading the request', (s: import('node:net').Socket) => s.on('data', () => s.end())],
  ])('%s: every live check ends with a finding', async (_what, handle) => {
    const { createServer } = await import('node:net');
    const server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const results = await runLiveChecks({
        issuers: [{ issuerUrl: `http://127.0.0.1:${port}/realms/prefect`, source: { file: 'compose.yml', line: 9 }, expectPkce: false }],
        proxies: [],
        timeoutMs: 2000,
      });
      const discovery = results.find((r) => r.id === 'live-issuer-discovery')!;
      expect(discovery.status).toBe('failed');
      // A reset, or no answer by the deadline when the client retries the reset connection: a finding either way.
      expect(discovery.findings[0]!.message).toMatch(/closed|reset|broke|no answer/i);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
