/**
 * What redirect-domains tells apart, shown by the real oauth2-proxy: when no
 * cookie_domains entry covers the sign-in host, oauth2-proxy falls back to the
 * last entry. A valid domain there (.example.com) goes out as the cookie's
 * Domain, which the browser rejects for prefect.localtest.me (the error); an
 * entry that is no valid cookie domain (a host with its port) is dropped by
 * Go's net/http, and the cookie goes out host-only, which works (the warning).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { COMPONENTS } from './components.js';
import { describeRealStack } from './context.js';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** oauth2-proxy with discovery off (no identity provider needed to start a sign-in) and the given cookie domain. */
async function startOauth2Proxy(cookieDomain: string): Promise<{ port: number; log: () => string }> {
  const port = await freePort();
  let log = '';
  const proc = spawn(COMPONENTS.oauth2Proxy, [
    '--provider=oidc',
    '--skip-oidc-discovery',
    '--oidc-issuer-url=http://127.0.0.1:9/realms/prefect',
    '--login-url=http://127.0.0.1:9/realms/prefect/protocol/openid-connect/auth',
    '--redeem-url=http://127.0.0.1:9/realms/prefect/protocol/openid-connect/token',
    '--oidc-jwks-url=http://127.0.0.1:9/realms/prefect/protocol/openid-connect/certs',
    '--client-id=prefect',
    '--client-secret=not-used-here',
    `--cookie-secret=${randomBytes(16).toString('hex')}`,
    '--cookie-secure=false',
    `--cookie-domain=${cookieDomain}`,
    '--email-domain=*',
    '--upstream=static://200',
    `--http-address=127.0.0.1:${port}`,
    '--redirect-url=http://prefect.localtest.me:8080/oauth2/callback',
  ]);
  running.push(proc);
  proc.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/ping`).then((r) => r.ok, () => false);
    if (up) return { port, log: () => log };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`oauth2-proxy did not start:\n${log}`);
}

/** The CSRF cookie /oauth2/start sets for the browser on prefect.localtest.me:8080 (the same domain rule as the session cookie). */
async function startCookie(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/oauth2/start?rd=/`, { redirect: 'manual', headers: { host: 'prefect.localtest.me:8080' } });
  expect(response.status).toBe(302);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('_oauth2_proxy_csrf'));
  expect(cookie).toBeDefined();
  return cookie!;
}

describeRealStack('oauth2-proxy cookie_domains, as redirect-domains grades it', () => {
  it('an entry with a port is dropped by Go: the cookie is host-only, so sign-in works (a warning)', async () => {
    const { port, log } = await startOauth2Proxy('prefect.localtest.me:8080');
    expect(log()).toContain('domains:prefect.localtest.me:8080');
    expect(await startCookie(port)).not.toMatch(/;\s*Domain=/i);
  }, 30_000);

  it('a valid domain that does not cover the host is sent as Domain, which the browser rejects (an error)', async () => {
    const { port } = await startOauth2Proxy('.example.com');
    expect(await startCookie(port)).toMatch(/;\s*Domain=example\.com/i);
  }, 30_000);
});
