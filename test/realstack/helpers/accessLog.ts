/**
 * The proxy's access log as entries, whichever proxy the stack runs: nginx's
 * combined format, Caddy's and Traefik's JSON lines.
 */
export interface AccessEntry {
  method: string;
  /** Path and query, as the client sent them. */
  uri: string;
  proto: string;
  status: number;
  agent: string;
}

export type ProxyKind = 'nginx' | 'caddy' | 'traefik';

const NGINX = /"(\w+) (\S+) (HTTP\/[\d.]+)" (\d{3}) \S+ "[^"]*" "([^"]*)"/;

function nginxEntry(line: string): AccessEntry | undefined {
  const m = NGINX.exec(line);
  return m ? { method: m[1]!, uri: m[2]!, proto: m[3]!, status: Number(m[4]), agent: m[5]! } : undefined;
}

function jsonOf(line: string): Record<string, unknown> | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(line.slice(start)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function caddyEntry(line: string): AccessEntry | undefined {
  const json = jsonOf(line) as { logger?: string; status?: number; request?: { method: string; uri: string; proto: string; headers?: Record<string, string[]> } } | undefined;
  if (!json?.logger?.startsWith('http.log.access') || !json.request) return undefined;
  const r = json.request;
  return { method: r.method, uri: r.uri, proto: r.proto, status: json.status ?? 0, agent: r.headers?.['User-Agent']?.[0] ?? '' };
}

function traefikEntry(line: string): AccessEntry | undefined {
  const json = jsonOf(line) as Record<string, string | number | undefined> | undefined;
  if (!json || json.RequestMethod === undefined) return undefined;
  // A connection handed over to a WebSocket (Prefect answered 101 through it) is logged with status 0 on both
  // sides: Traefik's response writer never sees the status once the connection is hijacked.
  const upgraded = json.DownstreamStatus === 0 && json.OriginStatus === 0 && json.ServiceAddr !== undefined;
  return {
    method: String(json.RequestMethod),
    uri: String(json.RequestPath),
    proto: String(json.RequestProtocol),
    status: upgraded ? 101 : Number(json.DownstreamStatus),
    agent: String(json['request_User-Agent'] ?? ''),
  };
}

export function accessEntries(kind: ProxyKind, log: string): AccessEntry[] {
  const parse = kind === 'nginx' ? nginxEntry : kind === 'caddy' ? caddyEntry : traefikEntry;
  return log.split('\n').flatMap((line) => parse(line) ?? []);
}
