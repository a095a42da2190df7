/**
 * What nginx-api-methods and proxy-api-body-size claim, shown by the real
 * nginx: a `limit_except GET POST` on Prefect's API refuses PATCH and DELETE
 * with 403, and nginx's default body limit answers a 2 MB log batch with 413;
 * the same file with every method named and `client_max_body_size 16m` lets
 * both through. doctor reports exactly the first file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nginxArgs } from '../../scripts/lib/nginx-rewrite.mjs';
import { nginxApiMethods } from '../../src/doctor/checks/nginxApiMethods.js';
import { proxyApiBodySize } from '../../src/doctor/checks/proxyApiBodySize.js';
import { brief, lineOf, run } from '../doctor/helpers.js';
import { freePort, needTools } from '../helpers/tools.js';

const tools = needTools('nginx');
let upstream: Server;
let upstreamPort: number;
const running: { child: ChildProcess; dir: string }[] = [];

const conf = (port: number, apiExtra: string) => `pid nginx.pid;
error_log error.log;
events {}
http {
  access_log off;
  client_body_temp_path body;
  proxy_temp_path proxy;
  fastcgi_temp_path fastcgi;
  uwsgi_temp_path uwsgi;
  scgi_temp_path scgi;
  server {
    listen 127.0.0.1:${port};
    server_name prefect-api.localtest.me;
    location /api/ {
      proxy_pass http://prefect-server:4200;
${apiExtra}    }
  }
}
`;

/** Starts nginx on `text`, with the compose name prefect-server pointed at the stand-in. */
async function startNginx(text: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-nginx-limits-'));
  chmodSync(dir, 0o755);
  const port = Number(/listen 127\.0\.0\.1:(\d+)/.exec(text)![1]);
  const confPath = join(dir, 'nginx.conf');
  writeFileSync(confPath, text.replace('http://prefect-server:4200', `http://127.0.0.1:${upstreamPort}`));
  const child = spawn(tools.path('nginx'), nginxArgs(dir, confPath), { stdio: 'ignore', detached: true });
  running.push({ child, dir });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false)) return `http://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nginx did not start');
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as { port: number }).port;
});

afterAll(() => {
  for (const { child, dir } of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true });
  }
  upstream?.close();
});

const batch = () => JSON.stringify([{ message: 'x'.repeat(2 * 1024 * 1024) }]);

tools.describe("the real nginx on Prefect's API: methods and body size", () => {
  it('limit_except GET POST refuses PATCH and DELETE; the default body limit refuses a 2 MB log batch; doctor names both', async () => {
    const text = conf(await freePort(), '      limit_except GET POST { deny all; }\n');
    const origin = await startNginx(text);
    expect((await fetch(`${origin}/api/deployments/x`, { method: 'GET' })).status).toBe(200);
    expect((await fetch(`${origin}/api/deployments/x`, { method: 'PATCH', body: '{}' })).status).toBe(403);
    expect((await fetch(`${origin}/api/flow_runs/x`, { method: 'DELETE' })).status).toBe(403);
    expect((await fetch(`${origin}/api/logs/`, { method: 'POST', body: batch() })).status).toBe(413);
    const files = { 'nginx.conf': text };
    expect(brief(run(nginxApiMethods, files))).toEqual([`error nginx-api-methods nginx.conf:${lineOf(text, 'limit_except')}`]);
    expect(brief(run(proxyApiBodySize, files))).toEqual([`error proxy-api-body-size nginx.conf:${lineOf(text, 'location /api/')}`]);
  }, 30_000);

  it('with every method named and client_max_body_size 16m both get through, and doctor is silent', async () => {
    const text = conf(await freePort(), '      client_max_body_size 16m;\n      limit_except GET POST PATCH PUT DELETE { deny all; }\n');
    const origin = await startNginx(text);
    expect((await fetch(`${origin}/api/deployments/x`, { method: 'PATCH', body: '{}' })).status).toBe(200);
    expect((await fetch(`${origin}/api/flow_runs/x`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${origin}/api/logs/`, { method: 'POST', body: batch() })).status).toBe(200);
    const files = { 'nginx.conf': text };
    expect(run(nginxApiMethods, files)).toEqual([]);
    expect(run(proxyApiBodySize, files)).toEqual([]);
  }, 30_000);
});
