/**
 * Small local stand-ins for the services behind nginx, on 127.0.0.1 ports
 * from the kernel. Each records the requests that reached it, so a test can
 * prove that a refused request never got through.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { acceptFor, decodeFrame, encodeTextFrame } from './websocket.js';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Bytes of request body received (filled in when the body has been read). */
  bodyBytes: number;
  upgrade: boolean;
}

export interface StandIn {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

interface Recording {
  server: Server;
  requests: Recorded[];
}

/**
 * An HTTP server that records every request (body bytes included) and answers it with
 * `answer` once the body has been read; `path` is the request's path without the query.
 */
function recordingServer(answer: (req: IncomingMessage, res: ServerResponse, entry: Recorded, path: string) => void): Recording {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const entry = record(requests, req, false);
    req.on('data', (chunk: Buffer) => (entry.bodyBytes += chunk.length));
    req.on('end', () => answer(req, res, entry, new URL(req.url ?? '/', 'http://stand-in').pathname));
  });
  return { server, requests };
}

/** Listens on a port from the kernel; `close()` also ends the connections still open. */
async function serve({ server, requests }: Recording): Promise<StandIn> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy(); // also upgraded (WebSocket) sockets
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, port, requests, close };
}

function record(list: Recorded[], req: { method?: string; url?: string; headers: IncomingHttpHeaders }, upgrade: boolean): Recorded {
  const entry: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: 0, upgrade };
  list.push(entry);
  return entry;
}

export function hasCookie(header: string | undefined, name: string, value: string): boolean {
  return (header ?? '')
    .split(';')
    .map((part) => part.trim())
    .some((part) => part === `${name}=${value}`);
}

/**
 * oauth2-proxy's contract with nginx (FIELD-NOTES): `/oauth2/auth` answers 202
 * with X-Auth-Request-User/-Email for a valid session cookie and 401 without;
 * `/oauth2/start` and `/oauth2/sign_in` redirect towards the identity provider.
 */
export async function startOauth2ProxyStandIn(options: {
  cookieName: string;
  session: string;
  user: string;
  email: string;
  authorizeUrl: string;
}): Promise<StandIn> {
  return serve(
    recordingServer((req, res, _entry, path) => {
      if (path === '/oauth2/auth') {
        if (hasCookie(req.headers.cookie, options.cookieName, options.session)) {
          res.writeHead(202, { 'X-Auth-Request-User': options.user, 'X-Auth-Request-Email': options.email });
        } else {
          res.writeHead(401);
        }
        res.end();
      } else if (path === '/oauth2/start') {
        res.writeHead(302, { Location: `${options.authorizeUrl}?client_id=prefect&response_type=code` }).end();
      } else if (path === '/oauth2/sign_in') {
        res.writeHead(302, { Location: '/oauth2/start' }).end();
      } else if (path === '/oauth2/callback') {
        // A Keycloak session is larger than one 4 KB cookie: oauth2-proxy splits it in two.
        const part = 'x'.repeat(3500);
        res.writeHead(302, {
          Location: '/',
          'Set-Cookie': [`${options.cookieName}_0=${part}; Path=/; HttpOnly`, `${options.cookieName}_1=${part}; Path=/; HttpOnly`],
        });
        res.end();
      } else {
        res.writeHead(404).end();
      }
    }),
  );
}

/**
 * Prefect's API, as far as the proxy can tell: `/api/health`, POST
 * `/api/flows/filter`, a UI page at `/`, and a WebSocket at `/api/events/in`
 * (handshake done by hand; every text frame is echoed back).
 */
export async function startPrefectStandIn(): Promise<StandIn & { upgrades: Recorded[] }> {
  const upgrades: Recorded[] = [];
  const recording = recordingServer((req, res, entry, path) => {
    if (req.method === 'GET' && path === '/api/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('true');
    } else if (req.method === 'POST' && path === '/api/flows/filter') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ received: entry.bodyBytes }));
    } else if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>Prefect stand-in</title>');
    } else {
      res.writeHead(404).end();
    }
  });
  recording.server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    record(upgrades, req, true);
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const key = req.headers['sec-websocket-key'];
    if (
      path !== '/api/events/in' ||
      req.headers.upgrade?.toLowerCase() !== 'websocket' ||
      req.headers['sec-websocket-version'] !== '13' ||
      typeof key !== 'string'
    ) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    socket.write(
      [
        'HTTP/1.1 101 Switching Protocols',
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Accept: ${acceptFor(key)}`,
        ...(protocols.includes('prefect') ? ['Sec-WebSocket-Protocol: prefect'] : []),
      ].join('\r\n') + '\r\n\r\n',
    );
    let buffer = Buffer.from(head);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let frame = decodeFrame(buffer); frame; frame = decodeFrame(buffer)) {
        buffer = buffer.subarray(frame.length);
        if (!frame.masked) {
          socket.destroy(); // RFC 6455: a server must close on an unmasked client frame
          return;
        }
        if (frame.opcode === 0x1) socket.write(encodeTextFrame(frame.text, false));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return { ...(await serve(recording)), upgrades };
}

/** Keycloak: answers every path with a small JSON naming itself. */
export async function startKeycloakStandIn(): Promise<StandIn> {
  return serve(
    recordingServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ standIn: 'keycloak', path: req.url }));
    }),
  );
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP/1.1 request to 127.0.0.1:port with the given Host header; no connection reuse. */
export function httpRequest(options: {
  port: number;
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { Host: options.host, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${options.method ?? 'GET'} ${options.path}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
