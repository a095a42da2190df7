/** What `doctor --live` probes: issuers and oauth2-proxy start URLs, each with where it was configured. */
import type { SourcePosition } from '../types.js';

export interface LiveIssuerTarget {
  issuerUrl: string;
  source: SourcePosition;
  expectPkce: boolean;
}

export interface LiveProxyTarget {
  startUrl: string;
  redirectUrl: string;
  clientId: string;
  issuerUrl: string;
  source: SourcePosition;
}

/** A client of the stack with credentials for a gate host (a profile, a service, a prefect.toml). */
export interface LiveGateClient {
  label: string;
  at: SourcePosition;
  /** Headers its API calls carry: the auth string or key, and its custom headers. */
  restHeaders: Record<string, string>;
  /** Headers its WebSocket handshakes carry: only PREFECT_CLIENT_CUSTOM_HEADERS. */
  socketHeaders: Record<string, string>;
}

/** A public origin where the proxy serves Prefect. */
export interface LiveGateTarget {
  origin: string;
  host: string;
  /** The proxy route that serves it. */
  source: SourcePosition;
  clients: LiveGateClient[];
  /** PREFECT_API_SSL_CERT_FILE of the clients for this host, as written (a CA they trust). */
  clientCaFiles: string[];
}

export interface LiveInput {
  issuers: LiveIssuerTarget[];
  proxies: LiveProxyTarget[];
  /** Public hosts that serve Prefect (none: the gate probe is skipped). */
  gates?: LiveGateTarget[];
  /** The checked folder: client CA files are read relative to it. */
  stackDir?: string;
  timeoutMs: number;
}
