/**
 * nginx starts while a backend is down and follows a backend that comes back
 * at a new address: each rendered upstream re-resolves its name (`server …
 * resolve` with the resolver), as Docker's DNS serves it, while keeping
 * connections alive. A local DNS server
 * plays Docker's; the Prefect name keeps its name, only its answer changes.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDns, type TestDns } from '../helpers/dns.js';
import { startNginx, type RunningNginx } from '../helpers/nginx.js';
import { renderStackToTemp, type RenderedStack } from '../helpers/renderToDir.js';
import { httpRequest } from '../helpers/standins.js';
import { freePort, needTools } from '../helpers/tools.js';
import { PRESETS } from '../../src/config/presets.js';

const tools = needTools('nginx');

function prefectAt(host: string, port: number, name: string): Promise<Server> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(name));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

tools.describe('nginx with backends that are down or move', () => {
  let stack: RenderedStack;
  let dns: TestDns;
  let nginx: RunningNginx | undefined;
  let prefectPort: number;
  let host: string;

  beforeAll(async () => {
    stack = renderStackToTemp(PRESETS.local);
    host = `${stack.generated.plan.spec.hosts.machine}`;
    prefectPort = await freePort();
    dns = await startTestDns({ 'prefect-server': '127.0.0.2' });
    // The test-only changes, each checked: Docker's DNS address -> the local one with a 1 s cache,
    // and Prefect's port -> a free one. The upstream keeps its NAME, so nginx must ask DNS.
    const rendered = stack.read('proxy/nginx.conf');
    const swaps: [string, string][] = [
      ['resolver 127.0.0.11 valid=10s ipv6=off;', `resolver 127.0.0.1:${dns.port} valid=1s ipv6=off;`],
      ['server prefect-server:4200 resolve;', `server prefect-server:${prefectPort} resolve;`],
    ];
    let text = rendered;
    for (const [from, to] of swaps) {
      expect(text.includes(from), from).toBe(true);
      text = text.split(from).join(to);
    }
    const confPath = join(stack.dir, 'proxy', 'nginx.backends.conf');
    writeFileSync(confPath, text);
    // Only Prefect is tested here; the other upstreams point at a closed port.
    const closed = `http://127.0.0.1:${await freePort()}`;
    nginx = await startNginx({
      confPath,
      htpasswdPath: join(stack.dir, 'proxy', 'htpasswd'),
      upstreams: { oauth2Proxy: closed, idp: closed },
      nginx: tools.path('nginx'),
    });
  });

  afterAll(async () => {
    await nginx?.stop();
    await dns?.close();
    stack?.remove();
  });

  it('starts while Prefect is down, answering 502 for it and 200 for its own healthcheck', async () => {
    const health = await httpRequest({ port: nginx!.port, host: 'unknown.localtest.me', path: '/healthz' });
    expect(health.status).toBe(200);
    const api = await httpRequest({ port: nginx!.port, host, path: '/api/health' });
    expect(api.status).toBe(502);
    expect(dns.queries).toContain('prefect-server');
  });

  it('reaches Prefect once it is up, and follows it to a new address after a restart', async () => {
    const first = await prefectAt('127.0.0.2', prefectPort, 'first');
    try {
      const up = await httpRequest({ port: nginx!.port, host, path: '/api/health' });
      expect([up.status, up.body]).toEqual([200, 'first']);
    } finally {
      await close(first);
    }
    // The container comes back with another address; Docker's DNS answers with it.
    dns.records.set('prefect-server', '127.0.0.3');
    const second = await prefectAt('127.0.0.3', prefectPort, 'second');
    try {
      const deadline = Date.now() + 10_000;
      let last = { status: 0, body: '' };
      while (Date.now() < deadline) {
        last = await httpRequest({ port: nginx!.port, host, path: '/api/health' });
        if (last.status === 200 && last.body === 'second') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect([last.status, last.body]).toEqual([200, 'second']);
    } finally {
      await close(second);
    }
  });
});
