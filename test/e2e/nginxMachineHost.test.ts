/**
 * The machine host of the rendered nginx.conf with real nginx: the generated {SSHA} entries, profiles.toml's credentials, log batches, and WebSockets with basic auth.
 */
import { expect, it } from 'vitest';
import { basicAuth, httpRequest } from '../helpers/standins.js';
import { websocketUpgrade } from '../helpers/websocket.js';
import { tools, stack, prefect, port, machine, probe, reached, cookieHeader, users, upgraded, postFilter, useRenderedNginx } from '../helpers/renderedNginx.js';

tools.describe('real nginx: the machine host (workers and CI, basic auth)', () => {
  useRenderedNginx();

  // ---- machine host: basic auth with the generated {SSHA} entries ------------------

  it('machine host: the htpasswd holds an {SSHA} entry for every generated user', () => {
    const lines = stack.read('proxy/htpasswd').trim().split('\n');
    expect(users().map((u) => u.hash)).toEqual(users().map(() => 'ssha'));
    expect(lines.map((line) => line.slice(0, line.indexOf(':{SSHA}')))).toEqual(users().map((u) => u.name));
  });

  it('machine host: no credential and a wrong password are refused with 401 and never reach Prefect', async () => {
    const marker = probe();
    const [ci, other] = [users()[0]!, users()[1]!];
    const attempts: Record<string, string | undefined> = {
      none: undefined,
      'wrong password': basicAuth(ci.name, `${ci.password}x`),
      "another user's password": basicAuth(ci.name, other.password),
      'unknown user': basicAuth('nobody', ci.password),
    };
    for (const [what, authorization] of Object.entries(attempts)) {
      const res = await postFilter(machine, marker, authorization ? { Authorization: authorization } : {});
      expect(res.status, what).toBe(401);
      expect(res.headers['www-authenticate'], what).toBe('Basic realm="Prefect API"');
    }
    // A browser session is not a machine credential.
    const cookie = await postFilter(machine, marker, cookieHeader());
    expect(cookie.status).toBe(401);
    expect(reached(prefect, marker)).toEqual([]);
  });

  it("machine host: each generated user's password is accepted by nginx and proxied with its credential", async () => {
    for (const user of users()) {
      const marker = probe();
      const res = await postFilter(machine, marker, { Authorization: basicAuth(user.name, user.password), 'Content-Type': 'application/json' });
      expect(res.status, user.name).toBe(200);
      const arrived = reached(prefect, marker);
      expect(arrived).toHaveLength(1);
      // Prefect's own basic auth (if enabled) sees the same header.
      expect(arrived[0]!.headers.authorization).toBe(basicAuth(user.name, user.password));
    }
  });

  it('machine host: the profiles.toml auth strings are the ones nginx accepts', async () => {
    const profiles = stack.read('prefect/profiles.toml');
    const strings = [...profiles.matchAll(/^PREFECT_API_AUTH_STRING = "([^"]+)"$/gm)].map((m) => m[1]!);
    expect(strings.length).toBe(stack.generated.plan.clients.length);
    for (const authString of strings) {
      const res = await httpRequest({
        port,
        host: machine,
        path: '/api/flows/filter',
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(authString).toString('base64')}` },
        body: '{}',
      });
      expect(res.status).toBe(200);
    }
  });

  it('machine host: /api/health answers without a credential; paths outside /api are 404', async () => {
    const marker = probe();
    const health = await httpRequest({ port, host: machine, path: `/api/health?${marker}` });
    expect(health.status).toBe(200);
    expect(health.body).toBe('true');
    expect(reached(prefect, marker)).toHaveLength(1);
    const outside = await httpRequest({ port, host: machine, path: `/?${marker}` });
    expect(outside.status).toBe(404);
  });

  it('machine host: the credential-free health location forwards exactly /api/health, whatever encoded path matched it', async () => {
    for (const path of ['/api/admin/settings%2F..%2F..%2Fhealth', '/api/x/%2E%2E/health', '/api//health']) {
      const marker = probe();
      await httpRequest({ port, host: machine, path: `${path}?${marker}` });
      for (const arrived of reached(prefect, marker)) expect(arrived.url, path).toBe(`/api/health?${marker}`);
    }
  });

  it('machine host: identity headers a client sends never reach Prefect', async () => {
    const marker = probe();
    const user = users()[0]!;
    const res = await postFilter(machine, marker, { Authorization: basicAuth(user.name, user.password), 'X-Forwarded-User': 'admin', 'X-Forwarded-Email': 'admin@example.com' });
    expect(res.status).toBe(200);
    const [arrived] = reached(prefect, marker);
    expect(arrived!.headers['x-forwarded-user']).toBeUndefined();
    expect(arrived!.headers['x-forwarded-email']).toBeUndefined();
    const health = probe();
    await httpRequest({ port, host: machine, path: `/api/health?${health}`, headers: { 'X-Forwarded-User': 'admin' } });
    expect(reached(prefect, health)[0]!.headers['x-forwarded-user']).toBeUndefined();
  });

  it('machine host: a 4 MB log batch is proxied whole, not refused with 413', async () => {
    const user = users()[0]!;
    const body = Buffer.alloc(4 * 1024 * 1024, 'a');
    const marker = probe();
    const res = await postFilter(machine, marker, { Authorization: basicAuth(user.name, user.password), 'Content-Type': 'application/octet-stream' }, body);
    expect(res.status).not.toBe(413);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ received: body.length });
  });

  it('machine host: a WebSocket upgrade to /api/events/in passes through with basic auth', async () => {
    const user = users()[0]!;
    const marker = probe();
    const message = `hello ${marker}`;
    const res = await websocketUpgrade({
      port,
      host: machine,
      path: `/api/events/in?${marker}`,
      headers: { Authorization: basicAuth(user.name, user.password) },
      message,
    });
    expect(res.status).toBe(101);
    expect(res.headers['sec-websocket-accept']).toBe(res.expectedAccept);
    expect(res.echo).toBe(message);
    const upgrade = upgraded(marker);
    expect(upgrade).toHaveLength(1);
    expect(upgrade[0]!.headers.upgrade).toBe('websocket');
    expect(upgrade[0]!.headers.connection?.toLowerCase()).toBe('upgrade');
  });

  it('machine host: a WebSocket upgrade without a credential, or with a wrong one, is refused with 401', async () => {
    const user = users()[0]!;
    const attempts: Record<string, string>[] = [{}, { Authorization: basicAuth(user.name, `${user.password}x`) }];
    for (const headers of attempts) {
      const marker = probe();
      const res = await websocketUpgrade({ port, host: machine, path: `/api/events/in?${marker}`, headers });
      expect(res.status).toBe(401);
      expect(upgraded(marker)).toEqual([]);
    }
  });
});
