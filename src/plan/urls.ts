import type { Spec } from '../spec/schema.js';

export function origin(scheme: 'http' | 'https', host: string, port: number): string {
  const defaultPort = scheme === 'http' ? 80 : 443;
  return `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}`;
}

/**
 * Every public URL of the stack. The same strings are used by the browser and
 * by containers: the proxy answers each host name inside Docker (network
 * aliases) on the same port it is published on outside.
 */
export function planUrls(spec: Spec) {
  const scheme = 'http' as const; // the local target serves plain http on loopback
  const ui = origin(scheme, spec.hosts.ui, spec.hosts.port);
  const machine = origin(scheme, spec.hosts.machine, spec.hosts.port);
  const idp = origin(scheme, spec.hosts.idp, spec.hosts.port);
  const { realm } = spec.identityProvider;
  // Keycloak's admin console needs the browser's Web Crypto API, which exists only
  // in a secure context: https, or a *.localhost name. Same proxy, a .localhost name.
  const admin = origin(scheme, adminHost(spec.hosts.idp), spec.hosts.port);
  return {
    ui,
    uiApi: `${ui}/api`,
    // No trailing slash: Prefect would build `//` paths from one (issue #9662).
    machineApi: `${machine}/api`,
    idp,
    issuer: `${idp}/realms/${realm}`,
    redirect: `${ui}/oauth2/callback`,
    signOut: `${ui}/oauth2/sign_out`,
    keycloakAdminOrigin: admin,
    keycloakAdmin: `${admin}/admin/`,
  };
}

/** `keycloak.localtest.me` -> `keycloak.localhost`: browsers treat *.localhost as a secure context. */
export function adminHost(idpHost: string): string {
  return idpHost.replace(/\.localtest\.me$/, '.localhost');
}

export type Urls = ReturnType<typeof planUrls>;
