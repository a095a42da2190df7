/**
 * Part-by-part comparison of two URLs *as written*.
 *
 * oauth2-proxy compares the issuer as a string (`p.Issuer != issuerURL`) and IdPs compare
 * redirect URIs as strings, so this works on the raw text: WHATWG `URL` would hide the
 * very differences that break a login (an explicit `:443`, host letter case, a trailing `/`).
 */

export type UrlPart =
  | 'whitespace'
  | 'scheme'
  | 'userinfo'
  | 'host'
  | 'port'
  | 'path'
  | 'trailing slash'
  | 'query'
  | 'fragment'
  | 'text';

export interface UrlPartDiff {
  part: UrlPart;
  expected: string;
  actual: string;
  /** Extra explanation when the difference is subtle. */
  note?: string;
}

export interface RawUrl {
  scheme: string;
  userinfo?: string;
  host: string;
  /** The port as written, without the colon; undefined when not written. */
  port?: string;
  path: string;
  query?: string;
  fragment?: string;
}

const URL_PATTERN = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

export function splitUrl(text: string): RawUrl | undefined {
  const match = URL_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, scheme = '', authority = '', path = '', query, fragment] = match;
  let hostPort = authority;
  let userinfo: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    userinfo = authority.slice(0, at);
    hostPort = authority.slice(at + 1);
  }
  let host = hostPort;
  let port: string | undefined;
  const portMatch = /^(\[[^\]]*\]|[^:]*):(\d*)$/.exec(hostPort);
  if (portMatch) {
    host = portMatch[1] ?? '';
    port = portMatch[2];
  }
  if (host === '') return undefined;
  const raw: RawUrl = { scheme, host, path };
  if (userinfo !== undefined) raw.userinfo = userinfo;
  if (port !== undefined) raw.port = port;
  if (query !== undefined) raw.query = query;
  if (fragment !== undefined) raw.fragment = fragment;
  return raw;
}

function effectivePort(url: RawUrl): string | undefined {
  return url.port || DEFAULT_PORTS[url.scheme.toLowerCase()];
}

function showPort(url: RawUrl): string {
  if (url.port) return `:${url.port}`;
  const implied = DEFAULT_PORTS[url.scheme.toLowerCase()];
  return implied ? `(none written, ${implied} implied)` : '(none)';
}

/** Every part in which `actual` differs from `expected`; empty when the strings are identical. */
export function diffUrls(expected: string, actual: string): UrlPartDiff[] {
  if (expected === actual) return [];
  const diffs: UrlPartDiff[] = [];
  if (expected !== expected.trim() || actual !== actual.trim()) {
    diffs.push({
      part: 'whitespace',
      expected: JSON.stringify(expected),
      actual: JSON.stringify(actual),
      note: 'leading or trailing whitespace is part of the value (often a quote or space in an env file)',
    });
  }
  const e = splitUrl(expected);
  const a = splitUrl(actual);
  if (!e || !a) {
    if (diffs.length === 0) diffs.push({ part: 'text', expected, actual, note: 'not an absolute http(s) URL' });
    return diffs;
  }
  if (e.scheme !== a.scheme) diffs.push({ part: 'scheme', expected: e.scheme, actual: a.scheme });
  if ((e.userinfo ?? '') !== (a.userinfo ?? '')) {
    // Never echo credentials.
    diffs.push({ part: 'userinfo', expected: e.userinfo ? '(set)' : '(none)', actual: a.userinfo ? '(set)' : '(none)' });
  }
  if (e.host !== a.host) {
    const caseOnly = e.host.toLowerCase() === a.host.toLowerCase();
    diffs.push({
      part: 'host',
      expected: e.host,
      actual: a.host,
      ...(caseOnly ? { note: 'differs only in letter case, but the comparison is by exact text' } : {}),
    });
  }
  if ((e.port ?? '') !== (a.port ?? '')) {
    const samePort = effectivePort(e) === effectivePort(a);
    diffs.push({
      part: 'port',
      expected: showPort(e),
      actual: showPort(a),
      ...(samePort ? { note: 'the same port, but one writes it and the other does not; the comparison is by exact text' } : {}),
    });
  }
  const ePath = e.path.replace(/\/$/, '');
  const aPath = a.path.replace(/\/$/, '');
  if (ePath !== aPath) diffs.push({ part: 'path', expected: e.path || '(empty)', actual: a.path || '(empty)' });
  const eSlash = e.path.endsWith('/');
  const aSlash = a.path.endsWith('/');
  if (eSlash !== aSlash) {
    diffs.push({
      part: 'trailing slash',
      expected: eSlash ? 'ends with /' : 'no trailing /',
      actual: aSlash ? 'ends with /' : 'no trailing /',
    });
  }
  if ((e.query ?? '') !== (a.query ?? '')) diffs.push({ part: 'query', expected: e.query ?? '(none)', actual: a.query ?? '(none)' });
  if ((e.fragment ?? '') !== (a.fragment ?? '')) {
    diffs.push({ part: 'fragment', expected: e.fragment ?? '(none)', actual: a.fragment ?? '(none)' });
  }
  if (diffs.length === 0) diffs.push({ part: 'text', expected, actual });
  return diffs;
}

/** "port: configured :8080, discovered :8081; trailing slash: …" */
export function describeDiffs(diffs: UrlPartDiff[], expectedLabel: string, actualLabel: string): string {
  return diffs
    .map((d) => `${d.part}: ${expectedLabel} ${d.expected}, ${actualLabel} ${d.actual}${d.note ? ` (${d.note})` : ''}`)
    .join('; ');
}

/** The URL without credentials, query or fragment — safe to show in a finding. */
export function displayUrl(text: string): string {
  const raw = splitUrl(text);
  if (!raw) return text.split(/[?#]/)[0] ?? text;
  return `${raw.scheme}://${raw.host}${raw.port !== undefined ? `:${raw.port}` : ''}${raw.path}`;
}

/** The URL without credentials (keeps query and fragment). */
export function redactUrl(text: string): string {
  const raw = splitUrl(text);
  if (!raw?.userinfo) return text;
  return text.replace(`${raw.userinfo}@`, '');
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
