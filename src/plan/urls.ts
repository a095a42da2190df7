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
  return {
    ui,
    uiApi: `${ui}/api`,
    // No trailing slash: Prefect would build `//` paths from one (issue #9662).
    machineApi: `${machine}/api`,
    idp,
    issuer: `${idp}/realms/${realm}`,
    redirect: `${ui}/oauth2/callback`,
    keycloakAdmin: `${idp}/admin/`,
  };
}

export type Urls = ReturnType<typeof planUrls>;
