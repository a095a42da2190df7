/**
 * Real nginx runs the rendered proxy/nginx.conf as it is (changed only where the test machine forces it), and answers unknown hosts and the identity provider's host as the stack intends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RENDERED_UPSTREAMS } from '../../scripts/lib/nginx-rewrite.mjs';
import { nginxTest } from '../helpers/nginx.js';
import { basicAuth, httpRequest } from '../helpers/standins.js';
import { tools, stack, nginx, prefect, keycloak, port, idp, machine, probe, reached, useRenderedNginx } from '../helpers/renderedNginx.js';

tools.describe('real nginx on the rendered local stack', () => {
  useRenderedNginx();

  it('nginx -t accepts the rendered nginx.conf as it is', () => {
    const result = nginxTest(join(stack.dir, 'proxy/nginx.conf'), tools.path('nginx'));
    expect(result.output).toContain('syntax is ok');
    expect(result.ok, result.output).toBe(true);
  });

  it('runs the rendered text, changed only where the test environment forces it', () => {
    const rendered = stack.read('proxy/nginx.conf').split('\n');
    const running = readFileSync(nginx!.confPath, 'utf8').split('\n');
    expect(running).toHaveLength(rendered.length);
    const allowed = [
      /^\s*listen 127\.0\.0\.1:\d+( default_server)?;$/,
      /^\s*server 127\.0\.0\.1:\d+;$/,
      /^\s*auth_basic_user_file ".*\/proxy\/htpasswd";$/,
      /^\s*(error_log|access_log) \/.*\.log( notice)?;$/,
      /^worker_processes 1;$/,
      // The container's /tmp (pid file, temp folders) is the run folder here.
      /^pid \/.*\/nginx\.pid;$/,
      /^ {4}(client_body|proxy|fastcgi|uwsgi|scgi)_temp_path \/.*\/nginx-[a-z-]+;$/,
    ];
    const changed = running.flatMap((line, i) => (line === rendered[i] ? [] : [{ rendered: rendered[i], running: line }]));
    expect(changed.length).toBeGreaterThan(0);
    for (const change of changed) {
      expect(allowed.some((pattern) => pattern.test(change.running)), `unexpected rewrite: ${JSON.stringify(change)}`).toBe(true);
    }
    // Each rendered upstream was found and replaced (none left pointing at Docker names).
    for (const url of Object.values(RENDERED_UPSTREAMS)) expect(running.join('\n')).not.toContain(url);
    expect(Object.keys(nginx!.rewrites)).toEqual(
      expect.arrayContaining(['listen', 'upstream prefect', 'upstream oauth2Proxy', 'upstream idp', 'htpasswd', 'pid', 'temp paths']),
    );
  });

  // ---- other hosts --------------------------------------------------------------------

  it('an unknown Host gets 404 from the default server, which also answers the healthcheck', async () => {
    const marker = probe();
    const unknown = await httpRequest({ port, host: `unknown.localtest.me:${port}`, path: `/api/health?${marker}` });
    expect(unknown.status).toBe(404);
    const ip = await httpRequest({ port, host: `127.0.0.1:${port}`, path: `/?${marker}` });
    expect(ip.status).toBe(404);
    expect(reached(prefect, marker)).toEqual([]);
    const health = await httpRequest({ port, host: `localhost:${port}`, path: '/healthz' });
    expect(health.status).toBe(200);
    expect(health.body).toBe('ok\n');
  });

  it('the identity-provider host is proxied to Keycloak with the forwarded host and scheme', async () => {
    const marker = probe();
    const path = `/realms/prefect/.well-known/openid-configuration?${marker}`;
    const res = await httpRequest({ port, host: idp, path });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ standIn: 'keycloak', path });
    const arrived = reached(keycloak, marker);
    expect(arrived).toHaveLength(1);
    // The public name and port, whatever port this test's nginx listens on.
    expect(arrived[0]!.headers['x-forwarded-host']).toBe(authority('idp'));
    expect(arrived[0]!.headers['x-forwarded-proto']).toBe('http');
    expect(reached(prefect, marker)).toEqual([]);
  });

  it('the issuer host serves neither the admin console, the admin API nor the master realm; the admin host does', async () => {
    const adminHost = `${stack.generated.plan.urls.adminOrigin!.replace(/^http:\/\//, '').replace(/:\d+$/, '')}:${port}`;
    for (const path of ['/admin/master/console/', '/admin/realms/prefect/users', '/realms/master/protocol/openid-connect/token']) {
      const marker = probe();
      const refused = await httpRequest({ port, host: idp, path: `${path}?${marker}` });
      expect(refused.status, path).toBe(404);
      expect(reached(keycloak, marker), path).toEqual([]);
      const admin = await httpRequest({ port, host: adminHost, path: `${path}?${marker}` });
      expect(admin.status, path).toBe(200);
      expect(reached(keycloak, marker), path).toHaveLength(1);
    }
  });

  it('every backend gets the client address nginx saw, never one the client claims, and the public name and port as Host', async () => {
    const users = stack.machineUsers;
    const cases = [
      { host: machine, name: 'machine', path: '/api/flows/filter', headers: { Authorization: basicAuth(users[0]!.name, users[0]!.password) } as Record<string, string>, standIn: prefect },
      { host: idp, name: 'idp', path: '/realms/prefect/.well-known/openid-configuration', headers: {} as Record<string, string>, standIn: keycloak },
    ];
    for (const c of cases) {
      const marker = probe();
      await httpRequest({ port, host: c.host, path: `${c.path}?${marker}`, headers: { ...c.headers, 'X-Forwarded-For': '203.0.113.9', 'X-Real-IP': '203.0.113.9' } });
      const arrived = reached(c.standIn, marker);
      expect(arrived, c.name).toHaveLength(1);
      expect(arrived[0]!.headers['x-forwarded-for'], c.name).toBe('127.0.0.1');
      expect(arrived[0]!.headers['x-real-ip'], c.name).toBe('127.0.0.1');
      expect(arrived[0]!.headers.host, c.name).toBe(authority(c.name as 'machine' | 'idp'));
    }
  });
});

/** host:port as the stack publishes it (the planned port, not this test's). */
function authority(name: 'ui' | 'machine' | 'idp'): string {
  const hosts = stack.generated.plan.spec.hosts;
  return `${hosts[name]}:${hosts.port}`;
}
