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

export interface LiveInput {
  issuers: LiveIssuerTarget[];
  proxies: LiveProxyTarget[];
  timeoutMs: number;
}
