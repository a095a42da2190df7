/**
 * Real nginx running the proxy/nginx.conf that `init --preset local` renders,
 * in front of local stand-ins for oauth2-proxy, Prefect and Keycloak.
 * Every request goes to 127.0.0.1:<port> with the Host header a browser or a
 * machine would send (the *.localtest.me names resolve to 127.0.0.1 anyway).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RENDERED_UPSTREAMS } from '../../scripts/lib/nginx-rewrite.mjs';
import { PRESETS } from '../../src/config/presets.js';
import { nginxTest, startNginx, type RunningNginx } from '../helpers/nginx.js';
import { renderStackToTemp, type RenderedStack } from '../helpers/renderToDir.js';
import {
  basicAuth,
  httpRequest,
  startKeycloakStandIn,
  startOauth2ProxyStandIn,
  startPrefectStandIn,
  type StandIn,
} from '../helpers/standins.js';
import { needTools } from '../helpers/tools.js';
import { websocketUpgrade } from '../helpers/websocket.js';

const tools = needTools('nginx');

tools.describe('real nginx on the rendered local stack', () => {
  let stack: RenderedStack;
  let nginx: RunningNginx | undefined;
  let oauth2: StandIn;
  let prefect: StandIn & { upgrades: StandIn['requests'] };
  let keycloak: StandIn;
  const session = `session-${randomUUID()}`;
  let cookieName: string;
  let port: number;
  let ui: string;
  let machine: string;
  let idp: string;

  beforeAll(async () => {
    const nginxPath = tools.path('nginx');
    stack = renderStackToTemp(PRESETS.local);
    const hosts = stack.generated.plan.spec.hosts;
    // The cookie oauth2-proxy will set is the one the rendered config names.
    const cookie = /^cookie_name = "([^"]+)"$/m.exec(stack.read('oauth2-proxy/oauth2-proxy.cfg'));
    if (!cookie) throw new Error('no cookie_name in the rendered oauth2-proxy.cfg');
    cookieName = cookie[1]!;
    oauth2 = await startOauth2ProxyStandIn({
      cookieName,
      session,
      user: 'demo',
      email: 'demo@example.test',
      authorizeUrl: `${stack.generated.plan.urls.issuer}/protocol/openid-connect/auth`,
    });
    prefect = await startPrefectStandIn();
    keycloak = await startKeycloakStandIn();
    nginx = await startNginx({
      nginx: nginxPath,
      confPath: join(stack.dir, 'proxy/nginx.conf'),
      htpasswdPath: join(stack.dir, 'proxy/htpasswd'),
      listenPort: hosts.port,
      workerProcesses: 1,
      upstreams: { prefect: prefect.url, oauth2Proxy: oauth2.url, idp: keycloak.url },
    });
    port = nginx.port;
    ui = `${hosts.ui}:${port}`;
    machine = `${hosts.machine}:${port}`;
    idp = `${hosts.idp!}:${port}`;
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([oauth2?.close(), prefect?.close(), keycloak?.close()]);
    stack?.remove();
  });

  const probe = () => `probe=${randomUUID()}`;
  const reached = (standIn: StandIn, marker: string) => standIn.requests.filter((r) => r.url.includes(marker));
  const cookieHeader = () => ({ Cookie: `other=1; ${cookieName}=${session}` });
  const users = () => stack.machineUsers;
  const upgraded = (marker: string) => prefect.upgrades.filter((r) => r.url.includes(marker));
  /** POST /api/flows/filter?<marker> on `host`: the API call the access tests make. */
  const postFilter = (host: string, marker: string, headers: Record<string, string>, body: Buffer | string = '{}') =>
    httpRequest({ port, host, method: 'POST', path: `/api/flows/filter?${marker}`, headers, body });

  it('nginx -t accepts the rendered nginx.conf as it is', () => {
    const result = nginxTest(join(stack.dir, 'proxy/nginx.conf'), tools.path('nginx'));
    expect(result.output).toContain('syntax is ok');
    expect(result.ok, result.output).toBe(true);
  });

  it('runs the rendered text, changed only where the test environment forces it', () => {
    const rendered = stack.read('proxy/nginx.conf').split('\n');
    const running = readFileSync(nginx!.confPath, 'utf8')
      .split('\n')
      .filter((line) => !/^ {4}(client_body|proxy|fastcgi|uwsgi|scgi)_temp_path /.test(line));
    expect(running).toHaveLength(rendered.length);
    const allowed = [
      /^\s*listen 127\.0\.0\.1:\d+( default_server)?;$/,
      /^\s*server 127\.0\.0\.1:\d+;$/,
      /^\s*auth_basic_user_file ".*\/proxy\/htpasswd";$/,
      /^\s*(error_log|access_log) \/.*\.log( notice)?;$/,
      /^worker_processes 1;$/,
    ];
    const changed = running.flatMap((line, i) => (line === rendered[i] ? [] : [{ rendered: rendered[i], running: line }]));
    expect(changed.length).toBeGreaterThan(0);
    for (const change of changed) {
      expect(allowed.some((pattern) => pattern.test(change.running)), `unexpected rewrite: ${JSON.stringify(change)}`).toBe(true);
    }
    // Each rendered upstream was found and replaced (none left pointing at Docker names).
    for (const url of Object.values(RENDERED_UPSTREAMS)) expect(running.join('\n')).not.toContain(url);
    expect(Object.keys(nginx!.rewrites)).toEqual(
      expect.arrayContaining(['listen', 'upstream prefect', 'upstream oauth2Proxy', 'upstream idp', 'htpasswd']),
    );
  });

  // ---- UI host: people, behind SSO -------------------------------------------------

  it('UI host: an unauthenticated browser GET is sent to sign-in and never reaches Prefect', async () => {
    const marker = probe();
    const res = await httpRequest({ port, host: ui, path: `/runs?${marker}`, headers: { Accept: 'text/html' } });
    // nginx hands the request to oauth2-proxy's /oauth2/start, which redirects to the identity provider.
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(new RegExp(`^${stack.generated.plan.urls.issuer}/protocol/openid-connect/auth\\?`));
    expect(reached(prefect, marker)).toEqual([]);
    // The decision came from oauth2-proxy's /oauth2/auth, asked about the original URI.
    const asked = oauth2.requests.filter((r) => r.headers['x-forwarded-uri']?.includes(marker));
    expect(asked.map((r) => r.url)).toEqual(['/oauth2/auth']);
    expect(asked[0]!.headers['x-forwarded-uri']).toBe(`/runs?${marker}`);
  });

  it('UI host: the sign-in keeps the whole original URI, query included, for the return', async () => {
    const marker = probe();
    const original = `/flow-runs?${marker}&tab=Logs&x=%20y`;
    const res = await httpRequest({ port, host: ui, path: original, headers: { Accept: 'text/html' } });
    expect(res.status).toBe(302);
    const started = oauth2.requests.filter((r) => r.url === '/oauth2/start' && r.headers['x-auth-request-redirect']?.includes(marker));
    expect(started).toHaveLength(1);
    expect(started[0]!.headers['x-auth-request-redirect']).toBe(original);
    expect(started[0]!.method).toBe('GET');
  });

  it('UI host: the sign-in routes reach oauth2-proxy, which sends the browser to the identity provider', async () => {
    const start = await httpRequest({ port, host: ui, path: '/oauth2/start?rd=%2F' });
    expect(start.status).toBe(302);
    expect(start.headers.location).toMatch(new RegExp(`^${stack.generated.plan.urls.issuer}/protocol/openid-connect/auth\\?`));
    const signIn = await httpRequest({ port, host: ui, path: '/oauth2/sign_in' });
    expect(signIn.status).toBe(302);
    expect(oauth2.requests.some((r) => r.url === '/oauth2/start?rd=%2F')).toBe(true);
    expect(oauth2.requests.some((r) => r.url === '/oauth2/sign_in')).toBe(true);
  });

  it('UI host: the sign-in callback passes a session split over two 3.5 KB cookies (no 502)', async () => {
    const res = await httpRequest({ port, host: ui, path: '/oauth2/callback?code=abc&state=xyz' });
    expect(res.status).toBe(302);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies).toHaveLength(2);
    expect(cookies.every((c) => c.length > 3500)).toBe(true);
  });

  it('UI host: requests under /oauth2/ carry no X-Auth-Request-Redirect, so sign-out cannot loop to itself', async () => {
    await httpRequest({ port, host: ui, path: '/oauth2/sign_in' });
    const signIn = oauth2.requests.filter((r) => r.url === '/oauth2/sign_in').at(-1);
    expect(signIn).toBeDefined();
    expect(signIn!.headers['x-auth-request-redirect']).toBeUndefined();
  });

  it('UI host: unauthenticated /api/... is refused with 401 (not a redirect) and never reaches Prefect', async () => {
    const marker = probe();
    const res = await postFilter(ui, marker, { 'Content-Type': 'application/json' }, '{"limit": 1}');
    expect(res.status).toBe(401);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(reached(prefect, marker)).toEqual([]);
    // auth_request sends no body to oauth2-proxy.
    const asked = oauth2.requests.filter((r) => r.url === '/oauth2/auth' && r.headers['x-forwarded-uri']?.includes(marker));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.bodyBytes).toBe(0);
  });

  it('UI host: a wrong session cookie or a machine credential does not get in', async () => {
    const marker = probe();
    const wrong = await postFilter(ui, marker, { Cookie: `${cookieName}=${session}x` });
    expect(wrong.status).toBe(401);
    const user = users()[0]!;
    const basic = await postFilter(ui, marker, { Authorization: basicAuth(user.name, user.password) });
    expect(basic.status).toBe(401);
    expect(reached(prefect, marker)).toEqual([]);
  });

  it('UI host: with the session cookie the UI and the API are proxied to Prefect, with the signed-in user', async () => {
    const marker = probe();
    const page = await httpRequest({ port, host: ui, path: `/?${marker}`, headers: cookieHeader() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Prefect stand-in');
    const api = await postFilter(ui, marker, { ...cookieHeader(), 'Content-Type': 'application/json' }, '{"limit": 1}');
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual({ received: 12 });
    const arrived = reached(prefect, marker);
    expect(arrived.map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname}`)).toEqual(['GET /', 'POST /api/flows/filter']);
    for (const r of arrived) {
      expect(r.headers['x-forwarded-user']).toBe('demo');
      expect(r.headers['x-forwarded-email']).toBe('demo@example.test');
      expect(r.headers['x-forwarded-host']).toBe(ui);
    }
  });

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

  it('machine host: a 4 MB log batch is proxied whole, not refused with 413', async () => {
    const user = users()[0]!;
    const body = Buffer.alloc(4 * 1024 * 1024, 'a');
    const marker = probe();
    const res = await postFilter(machine, marker, { Authorization: basicAuth(user.name, user.password), 'Content-Type': 'application/octet-stream' }, body);
    expect(res.status).not.toBe(413);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ received: body.length });
  });

  // ---- WebSockets -------------------------------------------------------------------

  it('UI host: a WebSocket upgrade to /api/events/in passes through with the session cookie', async () => {
    const marker = probe();
    const message = `hello ${marker}`;
    const res = await websocketUpgrade({ port, host: ui, path: `/api/events/in?${marker}`, headers: cookieHeader(), message });
    expect(res.status).toBe(101);
    expect(res.headers['sec-websocket-accept']).toBe(res.expectedAccept);
    expect(res.headers['sec-websocket-protocol']).toBe('prefect');
    expect(res.echo).toBe(message);
    expect(reached(prefect, marker)).toEqual([]); // not as a plain request…
    expect(upgraded(marker)).toHaveLength(1); // …as an upgrade
  });

  it('UI host: a WebSocket upgrade without the session cookie is refused with 401', async () => {
    const marker = probe();
    const res = await websocketUpgrade({ port, host: ui, path: `/api/events/in?${marker}` });
    expect(res.status).toBe(401);
    expect(res.echo).toBeUndefined();
    expect(upgraded(marker)).toEqual([]);
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
    expect(arrived[0]!.headers['x-forwarded-host']).toBe(idp);
    expect(arrived[0]!.headers['x-forwarded-proto']).toBe('http');
    expect(reached(prefect, marker)).toEqual([]);
  });
});
