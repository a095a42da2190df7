/**
 * Requests as a program on the host makes them: every *.localtest.me name is
 * 127.0.0.1 (the public DNS answer) and *.localhost is loopback (RFC 6761),
 * so each request enters through the port compose publishes.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';

export const hostLookup: LookupFunction = (hostname, options, callback) => {
  const local = /(^|\.)localtest\.me$/i.test(hostname) || /(^|\.)localhost$/i.test(hostname);
  if (!local) {
    callback(new Error(`the host view resolves only *.localtest.me and *.localhost, not ${hostname}`) as NodeJS.ErrnoException, '', 4);
    return;
  }
  if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

export interface HostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function hostRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<HostResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, lookup: hostLookup, timeout: options.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer in time`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
