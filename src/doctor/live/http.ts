/**
 * Bounded HTTP probes on Node's built-in fetch (undici).
 *
 * Every probe has one deadline that covers connecting, the headers and the body read, so a
 * server that accepts and never answers (or never finishes its body) cannot hold the doctor.
 * Redirects are never followed by fetch; `probeFollowing` follows them by hand, the way Go's
 * http.Client in oauth2-proxy does, and records each hop.
 */

export type NetworkFailureKind =
  | 'timeout'
  | 'refused'
  | 'dns'
  | 'unreachable'
  | 'tls'
  | 'tls-plain-http'
  | 'reset'
  | 'invalid-url'
  | 'network';

export interface HttpAnswer {
  kind: 'answer';
  url: string;
  status: number;
  headers: Headers;
  body: string;
  elapsedMs: number;
}

export interface NetworkFailure {
  kind: 'failure';
  url: string;
  failure: NetworkFailureKind;
  /** The system or TLS error code, e.g. ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT. */
  code?: string;
  detail: string;
  elapsedMs: number;
}

export type ProbeOutcome = HttpAnswer | NetworkFailure;

export interface ProbeOptions {
  timeoutMs: number;
  accept?: string;
  /** Bodies are cut here; discovery documents and JWKS are far smaller. */
  maxBodyBytes?: number;
}

export interface RedirectHop {
  from: string;
  to: string;
  status: number;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const USER_AGENT = 'prefect-secure-doctor (live checks)';

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export async function probe(url: string, options: ProbeOptions): Promise<ProbeOutcome> {
  return probeWithSignal(url, options, AbortSignal.timeout(options.timeoutMs), Date.now());
}

/** Follows up to `maxRedirects` redirects within ONE deadline; returns the last answer and the hops. */
export async function probeFollowing(
  url: string,
  options: ProbeOptions & { maxRedirects?: number },
): Promise<{ outcome: ProbeOutcome; hops: RedirectHop[] }> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const started = Date.now();
  const hops: RedirectHop[] = [];
  let current = url;
  for (let i = 0; ; i++) {
    const outcome = await probeWithSignal(current, options, signal, started);
    if (outcome.kind === 'failure' || !isRedirect(outcome.status)) return { outcome, hops };
    const location = outcome.headers.get('location');
    if (!location || i >= (options.maxRedirects ?? 5)) return { outcome, hops };
    let next: string;
    try {
      next = new URL(location, current).href;
    } catch {
      return { outcome, hops };
    }
    hops.push({ from: current, to: next, status: outcome.status });
    current = next;
  }
}

async function probeWithSignal(
  url: string,
  options: ProbeOptions,
  signal: AbortSignal,
  started: number,
): Promise<ProbeOutcome> {
  const fail = (failure: NetworkFailureKind, detail: string, code?: string): NetworkFailure => ({
    kind: 'failure',
    url,
    failure,
    detail,
    elapsedMs: Date.now() - started,
    ...(code ? { code } : {}),
  });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('invalid-url', 'not a valid absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail('invalid-url', `unsupported scheme ${parsed.protocol} (only http and https)`);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'GET',
      redirect: 'manual',
      signal,
      headers: { accept: options.accept ?? '*/*', 'user-agent': USER_AGENT },
    });
  } catch (error) {
    const classified = classifyFetchError(error, signal.aborted, options.timeoutMs);
    return fail(classified.failure, classified.detail, classified.code);
  }
  try {
    const body = await readBody(response, signal, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    return { kind: 'answer', url, status: response.status, headers: response.headers, body, elapsedMs: Date.now() - started };
  } catch (error) {
    if (signal.aborted) {
      return fail('timeout', `HTTP ${response.status} headers arrived, but the body did not finish within ${options.timeoutMs} ms`);
    }
    const classified = classifyFetchError(error, false, options.timeoutMs);
    return fail(classified.failure, `the connection broke while reading the body: ${classified.detail}`, classified.code);
  }
}

/** Reads at most `maxBytes`, racing every chunk against the deadline (undici alone may not). */
async function readBody(response: Response, signal: AbortSignal, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    while (size < maxBytes) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code === 'EPROTO' ||
    code === 'HOSTNAME_MISMATCH'
  );
}

/** Every error code in an error, its causes and AggregateError members (undici nests them). */
function collectCodes(error: unknown, depth = 0): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  if (depth > 5 || typeof error !== 'object' || error === null) return { codes, messages };
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') codes.push(e.code);
  if (typeof e.message === 'string') messages.push(e.message);
  const nested = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const inner of nested) {
    const found = collectCodes(inner, depth + 1);
    codes.push(...found.codes);
    messages.push(...found.messages);
  }
  return { codes, messages };
}

export function classifyFetchError(
  error: unknown,
  deadlinePassed: boolean,
  timeoutMs: number,
): { failure: NetworkFailureKind; detail: string; code?: string } {
  const name = (error as { name?: unknown } | null)?.name;
  if (deadlinePassed || name === 'TimeoutError') {
    return { failure: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  }
  const { codes, messages } = collectCodes(error);
  const first = (set: Set<string> | ((c: string) => boolean)) =>
    codes.find((c) => (typeof set === 'function' ? set(c) : set.has(c)));
  const lastMessage = (messages[messages.length - 1] ?? String(error)).trim().split('\n')[0] ?? '';
  let code: string | undefined;
  if ((code = first(new Set(['ECONNREFUSED'])))) return { failure: 'refused', code, detail: 'connection refused' };
  if ((code = first(DNS_CODES))) return { failure: 'dns', code, detail: 'the host name does not resolve' };
  if ((code = first(new Set(['ERR_SSL_WRONG_VERSION_NUMBER']))) || messages.some((m) => m.includes('wrong version number'))) {
    return { failure: 'tls-plain-http', code: code ?? 'ERR_SSL_WRONG_VERSION_NUMBER', detail: 'TLS handshake failed: the port answers plain HTTP' };
  }
  if ((code = first(isTlsCode))) return { failure: 'tls', code, detail: lastMessage || `TLS error ${code}` };
  if ((code = first(UNREACHABLE_CODES))) return { failure: 'unreachable', code, detail: 'no route to the host' };
  if ((code = first(TIMEOUT_CODES))) return { failure: 'timeout', code, detail: `no answer within ${timeoutMs} ms` };
  if ((code = first(RESET_CODES))) return { failure: 'reset', code, detail: 'the connection was closed without an answer' };
  return { failure: 'network', ...(codes[0] ? { code: codes[0] } : {}), detail: lastMessage || 'request failed' };
}

/** Parses a body as a JSON object; undefined when it is not one. */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A short, printable description of a non-JSON body: its HTML title or first words. */
export function describeBody(answer: HttpAnswer): string {
  const type = answer.headers.get('content-type') ?? 'no content-type';
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(answer.body)?.[1]?.trim();
  if (title) return `${type}, page title "${title}"`;
  const start = answer.body.replace(/\s+/g, ' ').trim().slice(0, 60);
  return start ? `${type}, starting "${start}${answer.body.length > 60 ? '…' : ''}"` : `${type}, empty body`;
}
