/**
 * The UI host of the rendered nginx.conf with real nginx: sign-in routes, auth_request, the session cookie, and WebSockets behind it.
 */
import { expect, it } from 'vitest';
import { basicAuth, httpRequest } from '../helpers/standins.js';
import { websocketUpgrade } from '../helpers/websocket.js';
import { tools, stack, oauth2, prefect, session, cookieName, port, ui, probe, reached, cookieHeader, users, upgraded, postFilter, useRenderedNginx } from '../helpers/renderedNginx.js';

tools.describe('real nginx: the UI host (people, behind SSO)', () => {
  useRenderedNginx();

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
      // The public name and port (the planned port, not this test's), also as Host.
      const hosts = stack.generated.plan.spec.hosts;
      expect(r.headers['x-forwarded-host']).toBe(`${hosts.ui}:${hosts.port}`);
      expect(r.headers.host).toBe(`${hosts.ui}:${hosts.port}`);
    }
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
});
