/**
 * Local servers for the live-check tests: a REAL OpenID provider (npm oidc-provider), an
 * oauth2-proxy stand-in, and misbehaving servers. Everything binds 127.0.0.1 on port 0.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { vi } from 'vitest';
import type { CheckResult } from '../../../src/doctor/types.js';

export interface Running {
  port: number;
  origin: string;
  close(): Promise<void>;
}

/** Closes a server and every connection it still holds (hanging sockets included). */
function closer(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

async function listen(server: net.Server): Promise<Running> {
  const close = closer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return { port, origin: `http://127.0.0.1:${port}`, close };
}

export function startHttp(handler: http.RequestListener): Promise<Running> {
  return listen(http.createServer(handler));
}

/** Accepts TCP connections and never answers. */
export function startSilent(): Promise<Running> {
  return listen(net.createServer(() => undefined));
}

/** A port nothing listens on: bind, read the port, close. */
export async function freePort(): Promise<number> {
  const server = await listen(net.createServer());
  await server.close();
  return server.port;
}

// oidc-provider v9 warns at import on Node 20 ("Unsupported runtime") and prints development
// notices for its quick-start defaults. Only those exact texts are dropped; anything else passes.
const EXPECTED_NOTICES = [
  'oidc-provider WARNING: Unsupported runtime',
  'development-only',
  'you SHOULD change it',
];

export function quietOidcProviderNotices(): () => void {
  const spies = (['warn', 'info'] as const).map((method) => {
    const original = console[method].bind(console);
    return vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      const text = String(args[0] ?? '');
      if (text.includes('oidc-provider') && EXPECTED_NOTICES.some((n) => text.includes(n))) return;
      original(...args);
    });
  });
  return () => spies.forEach((s) => s.mockRestore());
}

interface ProviderClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

type ProviderConstructor = new (
  issuer: string,
  configuration: Record<string, unknown>,
) => { callback(): http.RequestListener };

let providerModule: Promise<ProviderConstructor> | undefined;
function loadProvider(): Promise<ProviderConstructor> {
  // A computed specifier: oidc-provider ships no type declarations.
  const specifier: string = 'oidc-provider';
  providerModule ??= import(specifier).then((m: { default: ProviderConstructor }) => m.default);
  return providerModule;
}

export interface RunningProvider extends Running {
  issuer: string;
}

/**
 * A real OpenID provider served on a fresh port. `issuerFor(port)` chooses the issuer it
 * advertises (default: its own origin), so a test can serve a provider whose issuer names
 * another port, as a Docker port mapping does.
 */
export async function startProvider(
  clients: ProviderClient[],
  issuerFor: (port: number) => string = (port) => `http://127.0.0.1:${port}`,
): Promise<RunningProvider> {
  const Provider = await loadProvider();
  const server = http.createServer();
  const running = await listen(server);
  const issuer = issuerFor(running.port);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, { clients, jwks: { keys: [jwk] } });
  server.on('request', provider.callback());
  return { ...running, issuer };
}

export interface StandInOptions {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
}

/** Answers GET /oauth2/start like oauth2-proxy: 302 to the IdP with an S256 PKCE challenge. */
export function startOauth2ProxyStandIn(options: () => StandInOptions): Promise<Running> {
  return startHttp((req, res) => {
    if (!req.url?.startsWith('/oauth2/start')) {
      res.writeHead(404).end('404 page not found');
      return;
    }
    const o = options();
    const query = new URLSearchParams({
      client_id: o.clientId,
      redirect_uri: o.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state: 'kx7Rr1pM0aQ2bN5c:/',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    res.writeHead(302, { location: `${o.authorizationEndpoint}?${query.toString()}` }).end();
  });
}

export function json(res: http.ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The result of one live check, by id (the test fails on a missing id through the `!`). */
export const byId = (results: CheckResult[], id: string): CheckResult => results.find((r) => r.id === id)!;

export interface ProxyScene {
  provider: RunningProvider;
  /** The authorization_endpoint the provider advertises in its discovery document. */
  authorizationEndpoint: string;
  /** The oauth2-proxy stand-in; it redirects as `standInOptions` says at the time of the request. */
  standIn: Running;
  standInOptions: StandInOptions;
  /** Closes the provider and the stand-in, then restores the console. */
  close(): Promise<void>;
}

/**
 * A real provider with client `prefect` (redirect URI `registeredRedirect`) and an oauth2-proxy
 * stand-in in front of it, with oidc-provider's expected notices silenced until `close()`.
 */
export async function startProxyScene(registeredRedirect: string): Promise<ProxyScene> {
  const restoreConsole = quietOidcProviderNotices();
  const provider = await startProvider([{ client_id: 'prefect', client_secret: 'test-only', redirect_uris: [registeredRedirect] }]);
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string };
  const authorizationEndpoint = discovery.authorization_endpoint;
  let options: StandInOptions = { authorizationEndpoint, clientId: 'prefect', redirectUri: registeredRedirect };
  const standIn = await startOauth2ProxyStandIn(() => options);
  return {
    provider,
    authorizationEndpoint,
    standIn,
    get standInOptions() {
      return options;
    },
    set standInOptions(next) {
      options = next;
    },
    async close() {
      await Promise.all([provider.close(), standIn.close()]);
      restoreConsole();
    },
  };
}
