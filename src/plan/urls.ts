import type { Spec } from '../config/schema.js';

/** `scheme://host[:port]`, without the port when it is the scheme's default (so `host:80` never appears). */
export function origin(scheme: 'http' | 'https', host: string, port: number): string {
  const defaultPort = scheme === 'http' ? 80 : 443;
  return `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}`;
}

/** `host` or `host:port`, as a browser writes it in the Host header and oauth2-proxy compares it. */
export function hostPort(scheme: 'http' | 'https', host: string, port: number): string {
  return origin(scheme, host, port).replace(/^https?:\/\//, '');
}

/** The URLs every stack has: the UI and its API, the machine API, and oauth2-proxy's routes on the UI host. */
export function baseUrls(spec: Spec, scheme: 'http' | 'https') {
  const ui = origin(scheme, spec.hosts.ui, spec.hosts.port);
  const machine = origin(scheme, spec.hosts.machine, spec.hosts.port);
  return {
    ui,
    uiApi: `${ui}/api`,
    // No trailing slash: Prefect would build `//` paths from one (issue #9662).
    machineApi: `${machine}/api`,
    redirect: `${ui}/oauth2/callback`,
    signOut: `${ui}/oauth2/sign_out`,
  };
}

export type BaseUrls = ReturnType<typeof baseUrls>;

/** What the identity provider adds: its issuer, and the URLs of a bundled one. */
export interface IdentityUrls {
  /** The OIDC issuer; none for a plain OAuth provider (GitHub, Google's fixed endpoints). */
  issuer?: string;
  /** oauth2-proxy's backend_logout_url: the provider's end-session endpoint, `{id_token}` filled in by oauth2-proxy. */
  logout?: string;
  /** Origin of a bundled identity provider behind the proxy. */
  idp?: string;
  /** A bundled provider's admin console: its origin, and the console's URL. */
  adminOrigin?: string;
  admin?: string;
}

/**
 * Every public URL of the stack. The same strings are used by the browser and
 * by containers: the proxy answers each host name inside Docker (network
 * aliases) on the same port it is published on outside.
 */
export type Urls = BaseUrls & IdentityUrls;
