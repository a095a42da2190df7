/**
 * The spec fields a person decides. The wizard asks for each one that is still
 * unset; flags set them directly; in a non-interactive run without --yes, each
 * one left unset is reported with the flag that supplies it. One list, so the
 * three paths cannot drift apart.
 */
export interface SpecField {
  /** Dotted path in the spec. */
  path: string;
  /** The dedicated flag, when there is one (every field also takes --set path=value). */
  flag?: string;
  /** One line that explains the question. */
  help: string;
}

export const SPEC_FIELDS: SpecField[] = [
  { path: 'target', flag: '--target', help: 'Where the stack runs.' },
  { path: 'name', flag: '--name', help: 'Compose project name (lowercase letters, digits, - and _).' },
  { path: 'hosts.ui', flag: '--ui-host', help: 'Hostname people open in the browser (UI and sign-in).' },
  { path: 'hosts.machine', flag: '--machine-host', help: 'Hostname workers and CI use for the API.' },
  { path: 'hosts.idp', flag: '--idp-host', help: 'Hostname of the bundled identity provider.' },
  { path: 'hosts.port', flag: '--port', help: 'Port the proxy is published on (the same inside Docker).' },
  { path: 'identityProvider.type', flag: '--idp', help: 'Who signs people in.' },
  { path: 'identityProvider.realm', flag: '--realm', help: 'Keycloak realm; the issuer ends in /realms/<realm>.' },
  { path: 'identityProvider.allowedRoles', help: 'Realm roles allowed to sign in (comma-separated).' },
  { path: 'proxy.type', flag: '--proxy', help: 'Reverse proxy in front of everything.' },
  { path: 'machineAccess.users', flag: '--machine-users', help: 'Machine users for workers and CI; each gets a random password.' },
  { path: 'database.type', flag: '--db', help: 'Prefect database.' },
  { path: 'prefect.version', flag: '--prefect-version', help: 'Prefect version of the server image (pinned, X.Y.Z).' },
  { path: 'clients.profiles', flag: '--profiles', help: 'Prefect client profiles to write (machine user names).' },
];

export function getPath(root: unknown, path: string): unknown {
  let current = root;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Returns a copy of `root` with `value` at `path`, creating objects on the way. */
export function setPath<T extends object>(root: T, path: string, value: unknown): T {
  const parts = path.split('.');
  const copy: Record<string, unknown> = structuredClone(root) as Record<string, unknown>;
  let current = copy;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    current[part] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts.at(-1)!] = value;
  return copy as T;
}
