/**
 * URLs as people write them in configuration. Parsed by hand rather than
 * with WHATWG URL, which would normalise away the differences that matter
 * here (an explicit default port, letter case, a trailing slash).
 */

export interface ParsedUrl {
  scheme: string;
  host: string;
  /** The port as written, if any. */
  explicitPort?: number;
  /** The port the URL reaches (explicit, or the scheme's default). */
  port: number;
  /** Path as written, '' when absent. */
  path: string;
  text: string;
}

export function parseUrl(text: string | undefined): ParsedUrl | undefined {
  if (!text) return undefined;
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]*)(?::(\d*))?([^?#]*)/.exec(text.trim());
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!.replace(/^\[|\]$/g, '');
  const explicitPort = match[3] ? Number(match[3]) : undefined;
  const fallback = scheme === 'https' ? 443 : scheme === 'http' ? 80 : 0;
  return { scheme, host, ...(explicitPort !== undefined ? { explicitPort } : {}), port: explicitPort ?? fallback, path: match[4] ?? '', text };
}

export function origin(url: ParsedUrl): string {
  const fallback = url.scheme === 'https' ? 443 : 80;
  return `${url.scheme}://${url.host.toLowerCase()}${url.port === fallback ? '' : `:${url.port}`}`;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export { isLoopbackHost, resolvesToLoopback } from '../../../util/loopback.js';

export function isIpAddress(host: string): boolean {
  return IPV4.test(host) || host.includes(':');
}

/** A name without dots (and not an IP): a Docker service or alias, unknown to the browser. */
export function isBareName(host: string): boolean {
  return !host.includes('.') && !isIpAddress(host) && host.toLowerCase() !== 'localhost';
}

/** host[:port] of a `listen`/`address` value like `0.0.0.0:4180`, `:4180`, `http://0.0.0.0:4180`. */
export function splitAddress(text: string): { host: string; port?: number } {
  const bare = text.replace(/^[a-z]+:\/\//i, '');
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(bare);
  if (!match) return { host: bare };
  const port = match[2] ? Number(match[2]) : undefined;
  return { host: match[1]!.replace(/^\[|\]$/g, ''), ...(port !== undefined ? { port } : {}) };
}

/** The parts in which two URLs differ, in words: `host "a" where "b" is expected`. */
export function urlDifferences(actual: ParsedUrl, expected: ParsedUrl, compare: { scheme?: boolean; port?: boolean } = {}): string[] {
  const out: string[] = [];
  if (compare.scheme !== false && actual.scheme !== expected.scheme) out.push(`scheme ${actual.scheme} where ${expected.scheme} is expected`);
  if (actual.host.toLowerCase() !== expected.host.toLowerCase()) out.push(`host ${actual.host} where ${expected.host} is expected`);
  if (compare.port !== false && actual.port !== expected.port) out.push(`port ${actual.port} where ${expected.port} is expected`);
  const trim = (p: string) => p.replace(/\/+$/, '');
  if (trim(actual.path) !== trim(expected.path)) out.push(`path ${actual.path || '/'} where ${expected.path || '/'} is expected`);
  else if (actual.path !== expected.path) out.push(actual.path.endsWith('/') ? 'a trailing "/" that is not expected' : 'no trailing "/" where one is expected');
  return out;
}

/** A URL safe to print: credentials in it are replaced by `***`. */
export function maskUrl(text: string): string {
  return text.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^@/?#]*@/, '$1***@');
}
