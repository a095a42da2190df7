/**
 * A sign-in through the real oauth2-proxy, with the configuration rendered for
 * each provider, against a real OpenID provider (npm oidc-provider) shaped
 * like that provider: its issuer form (Okta's /oauth2/default, Auth0's
 * trailing slash, a generic issuer with a path), served over https with a
 * certificate oauth2-proxy verifies, and its claims (Okta's groups, Auth0's
 * namespaced roles claim). A member gets in; someone outside the allowed
 * groups, roles or domains signs in at the provider and is refused (403).
 *
 * Entra ID, Google and GitHub are not here: oauth2-proxy fixes their
 * endpoints (Google, GitHub) or checks the issuer's host (Entra ID), so no
 * local provider can stand in for them; their configurations are checked by
 * oauth2-proxy --config-test (providers.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { quietOidcProviderNotices } from '../doctor/live/helpers.js';
import { CLIENT_SECRET, renderProvider, type ProviderCase } from '../helpers/providerSpecs.js';
import { fileText } from '../helpers/stack.js';
import { testCa, type TestCa } from '../helpers/tls.js';
import { freePort, needTools } from '../helpers/tools.js';

type Claims = Record<string, unknown>;

interface Shape {
  name: string;
  spec: ProviderCase;
  /** The issuer the tool must build from the spec's values. */
  issuer: string;
  /**
   * Where the stand-in provider listens (port 443: the issuers have no port).
   * The spec names the provider's public host, which the spec refuses to be
   * this machine; the test points the rendered issuer's host at this address
   * and changes nothing else of it (scheme, path, trailing slash).
   */
  address: string;
  /** Claims by scope, as the provider releases them. */
  claims: Record<string, string[]>;
  member: Claims;
  outsider: Claims;
}

const secret = { clientSecret: 'env:IDP_CLIENT_SECRET' };
const ROLES = 'https://prefect.localtest.me/roles';

const SHAPES: Shape[] = [
  {
    name: 'Okta (custom authorization server, groups claim)',
    spec: { name: 'okta', identityProvider: { type: 'okta', domain: 'example.okta.com', clientId: '0oa1b2c3d4e5f6g7h8i9', ...secret, allowedGroups: ['Prefect Users'] }, expect: {} },
    issuer: 'https://example.okta.com/oauth2/default',
    address: '127.0.0.61',
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    member: { email: 'ada@example.com', email_verified: true, groups: ['Everyone', 'Prefect Users'] },
    outsider: { email: 'bob@example.com', email_verified: true, groups: ['Everyone'] },
  },
  {
    name: 'Auth0 (issuer with a trailing slash, namespaced roles claim)',
    spec: { name: 'auth0', identityProvider: { type: 'auth0', domain: 'example.eu.auth0.com', clientId: 'AbCdEf0123456789', ...secret, allowedRoles: ['prefect-user'] }, expect: {} },
    issuer: 'https://example.eu.auth0.com/',
    address: '127.0.0.62',
    claims: { openid: ['sub', ROLES], email: ['email', 'email_verified'], profile: ['name'] },
    member: { email: 'ada@example.com', email_verified: true, [ROLES]: ['prefect-user'] },
    outsider: { email: 'eve@example.com', email_verified: true, [ROLES]: [] },
  },
  {
    name: 'any OIDC provider (an issuer with a path, groups in a requested scope)',
    spec: { name: 'oidc', identityProvider: { type: 'oidc', issuerUrl: 'https://auth.example.com/application/o/prefect/', clientId: 'prefect', ...secret, allowedGroups: ['prefect'], scopes: ['groups'] }, expect: {} },
    issuer: 'https://auth.example.com/application/o/prefect/',
    address: '127.0.0.63',
    claims: { openid: ['sub'], email: ['email', 'email_verified'], groups: ['groups'] },
    member: { email: 'ada@example.com', email_verified: true, groups: ['prefect'] },
    outsider: { email: 'mallory@example.com', email_verified: true, groups: ['other'] },
  },
  {
    name: 'any OIDC provider (email domains)',
    spec: { name: 'oidc-domains', identityProvider: { type: 'oidc', issuerUrl: 'https://sso.example.com', clientId: 'prefect', ...secret, emailDomains: ['example.com'] }, expect: {} },
    issuer: 'https://sso.example.com',
    address: '127.0.0.64',
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    member: { email: 'ada@example.com', email_verified: true },
    outsider: { email: 'mallory@example.org', email_verified: true },
  },
];

type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => { callback(): http.RequestListener };

interface Response {
  status: number;
  location?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Cookies by name, as a browser keeps them for one site. */
class Jar {
  private cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  take(headers: http.IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

const tools = needTools('oauth2-proxy', 'openssl');

tools.describe('sign-in through the real oauth2-proxy, against providers shaped like each', () => {
  let ca: TestCa;
  let restoreConsole: () => void;
  const servers: https.Server[] = [];
  const proxies: ChildProcess[] = [];
  /** The newest oauth2-proxy's log, for a failing step's message. */
  let logs = () => '';

  beforeAll(async () => {
    ca = testCa();
    restoreConsole = quietOidcProviderNotices();
  });

  afterAll(async () => {
    for (const proxy of proxies) proxy.kill('SIGKILL');
    await Promise.all(servers.map((server) => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); })));
    restoreConsole?.();
  });

  /** Serves a real OpenID provider for `shape` at https://<address>:443, its routes under the issuer's path. */
  async function startProvider(shape: Shape, issuer: string, redirectUri: string): Promise<void> {
    const specifier: string = 'oidc-provider';
    const Provider = ((await import(specifier)) as { default: ProviderConstructor }).default;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const people: Record<string, Claims> = { member: shape.member, outsider: shape.outsider };
    const provider = new Provider(issuer, {
      clients: [{ client_id: String(shape.spec.identityProvider.clientId), client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] },
      findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, name: id, preferred_username: id, ...people[id] }) }),
      claims: shape.claims,
      scopes: ['openid', 'offline_access', ...Object.keys(shape.claims).filter((scope) => scope !== 'openid')],
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
    });
    const prefix = new URL(issuer).pathname.replace(/\/$/, '');
    const leaf = ca.issue([shape.address]);
    const handle = provider.callback();
    const server = https.createServer({ key: leaf.key, cert: leaf.cert }, (req, res) => {
      if (prefix && req.url?.startsWith(prefix)) req.url = req.url.slice(prefix.length) || '/';
      handle(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(443, shape.address, () => resolve());
    });
  }

  /** The real oauth2-proxy with the rendered configuration, on a free loopback port, trusting the test CA. */
  async function startProxy(cfgText: string, secrets: Record<string, string>): Promise<number> {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-signin-'));
    const cfg = join(dir, 'oauth2-proxy.cfg');
    writeFileSync(cfg, cfgText);
    const port = await freePort();
    const child = spawn(tools.path('oauth2-proxy'), [`--config=${cfg}`], {
      env: {
        PATH: process.env.PATH,
        OAUTH2_PROXY_CLIENT_SECRET: secrets.OAUTH2_PROXY_CLIENT_SECRET,
        OAUTH2_PROXY_COOKIE_SECRET: secrets.OAUTH2_PROXY_COOKIE_SECRET,
        OAUTH2_PROXY_HTTP_ADDRESS: `127.0.0.1:${port}`,
        SSL_CERT_FILE: ca.caFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proxies.push(child);
    let log = '';
    child.stdout!.on('data', (d: Buffer) => (log += d));
    child.stderr!.on('data', (d: Buffer) => (log += d));
    logs = () => log.slice(-3000);
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`oauth2-proxy exited: ${log}`);
      const ok = await new Promise<boolean>((resolve) => {
        http.get({ host: '127.0.0.1', port, path: '/ping' }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
      });
      if (ok) return port;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`oauth2-proxy did not answer /ping: ${log}`);
  }

  /** One request as the browser makes it: to the public UI URL (served by oauth2-proxy on `proxyPort`) or to the provider. */
  function request(url: string, jar: Jar, proxyPort: number, method = 'GET', form?: Record<string, string>): Promise<Response> {
    const target = new URL(url);
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers: http.OutgoingHttpHeaders = { cookie: jar.header(), host: target.host, ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) };
    return new Promise((resolve, reject) => {
      const done = (res: http.IncomingMessage) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d));
        res.on('end', () => {
          jar.take(res.headers);
          resolve({ status: res.statusCode!, headers: res.headers, body: text, ...(res.headers.location ? { location: new URL(res.headers.location, url).toString() } : {}) });
        });
      };
      const path = `${target.pathname}${target.search}`;
      const req =
        target.protocol === 'https:'
          ? https.request({ host: target.hostname, port: Number(target.port || 443), path, method, headers, ca: ca.ca }, done)
          : http.request({ host: '127.0.0.1', port: proxyPort, path, method, headers }, done);
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Signs `who` in from /oauth2/start to the callback, as a browser does; returns the UI's cookie jar and oauth2-proxy's answer to the callback. */
  async function signIn(who: string, redirectUri: string, proxyPort: number, uiOrigin: string): Promise<{ jar: Jar; callback: Response }> {
    const ui = new Jar();
    const idp = new Jar();
    const start = await request(`${uiOrigin}/oauth2/start?rd=%2F`, ui, proxyPort);
    expect(start.status, `start: ${start.body}`).toBe(302);
    let next = start.location!;
    for (let step = 0; step < 12 && !next.startsWith(redirectUri); step++) {
      const page = await request(next, idp, proxyPort);
      if (page.location) {
        next = page.location;
        continue;
      }
      expect(page.status, page.body).toBe(200);
      const prompt = /name="prompt" value="(\w+)"/.exec(page.body)?.[1];
      const submitted = await request(next, idp, proxyPort, 'POST', prompt === 'login' ? { prompt, login: who, password: 'any' } : { prompt: String(prompt) });
      expect(submitted.location, submitted.body).toBeDefined();
      next = submitted.location!;
    }
    expect(next.startsWith(redirectUri), next).toBe(true);
    return { jar: ui, callback: await request(next, ui, proxyPort) };
  }

  it.each(SHAPES.map((shape) => [shape.name, shape] as const))('%s', async (_name, shape) => {
    const stack = renderProvider(shape.spec);
    const rendered = fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg');
    // The issuer the tool built from the values the person gave, in the provider's form.
    expect((parseToml(rendered) as Record<string, unknown>).oidc_issuer_url).toBe(shape.issuer);
    const host = new URL(shape.issuer).host;
    const issuer = shape.issuer.replace(`https://${host}`, `https://${shape.address}`);
    const cfgText = rendered.replace(`"${shape.issuer}"`, `"${issuer}"`);
    const cfg = parseToml(cfgText) as Record<string, unknown>;
    expect(cfg.oidc_issuer_url).toBe(issuer);
    const redirectUri = String(cfg.redirect_url);
    await startProvider(shape, issuer, redirectUri);
    const port = await startProxy(cfgText, stack.secrets);
    const uiOrigin = stack.plan.urls.ui;

    const member = await signIn('member', redirectUri, port, uiOrigin);
    expect(member.callback.status, `callback: ${logs()}`).toBe(302);
    expect(member.callback.location).toBe(`${uiOrigin}/`);
    const allowed = await request(`${uiOrigin}/oauth2/auth`, member.jar, port);
    expect(allowed.status).toBe(202);
    expect(allowed.headers['x-auth-request-email']).toBe(shape.member.email);

    // Someone the provider signs in but the stack does not allow is refused at the callback, with no session.
    const outsider = await signIn('outsider', redirectUri, port, uiOrigin);
    expect(outsider.callback.status, `callback: ${logs()}`).toBe(403);
    expect((await request(`${uiOrigin}/oauth2/auth`, outsider.jar, port)).status).toBe(401);

    // Nobody signed in: 401, which the proxy turns into the sign-in redirect.
    expect((await request(`${uiOrigin}/oauth2/auth`, new Jar(), port)).status).toBe(401);
  });
});
