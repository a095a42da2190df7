/**
 * The spec: one file (`prefect-secure.yaml`) that describes the whole stack.
 * It is the single source of truth: prompts and flags only fill it, the plan
 * is derived from it. Secrets never live here; they are generated into the
 * stack's `.env` or referenced as `env:NAME`.
 */
// zod/mini: the same rules and error messages as classic zod, a fraction of the
// start-up cost (`init` validates a spec on every run; see npm run bench).
import * as z from 'zod/mini';
import { availableChoices, choiceError } from './fields.js';
import { identityProvider, identityCrossFieldIssues } from './identityProvider.js';
import { database, databaseCrossFieldIssues, scale } from './database.js';
import { describe, envRef, fallback, help, hostname, identifier, port, stackPath } from './schemaParts.js';
import { isLoopbackHost, resolvesToLoopback } from '../util/loopback.js';

const meansThisMachine = (host: string) => isLoopbackHost(host) || resolvesToLoopback(host);
import { IPV4, IMAGE_NAME, PYTHON_VERSION, SEMVER } from '../util/formats.js';

export { envRef } from './schemaParts.js';

export const SPEC_VERSION = 1;

/** A GitHub Actions OIDC subject, exactly: a branch or tag of one repository, or one of its environments. No wildcards, no pull requests (anyone can open one). */
export const GITHUB_SUBJECT = /^repo:[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}:(ref:refs\/(heads|tags)\/[A-Za-z0-9._\/-]{1,200}|environment:[A-Za-z0-9 ._-]{1,100})$/;

export const DEFAULT_PREFECT_VERSION = '3.8.3';

/**
 * The oldest Prefect the generated client profiles work with: they send the
 * machine credential on WebSocket handshakes through
 * PREFECT_CLIENT_CUSTOM_HEADERS, which Prefect 3.4.8 added.
 */
export const MIN_PREFECT_VERSION = '3.4.8';

function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/** The `.env` variable that holds a machine user's generated password. Two users must not share one. */
export function machineSecretName(user: string): string {
  return `PREFECT_MACHINE_${user.toUpperCase().replace(/-/g, '_')}_PASSWORD`;
}

const hosts = describe(
  z.strictObject({
    ui: fallback(hostname, 'prefect.localtest.me', help('hosts.ui')),
    machine: fallback(hostname, 'prefect-api.localtest.me', help('hosts.machine')),
    idp: fallback(hostname, 'keycloak.localtest.me', help('hosts.idp')),
    // Omitted: the target's (see TARGET_DEFAULTS), filled in once the target is known.
    port: describe(z.optional(port), help('hosts.port')),
    bind: describe(
      z.optional(
        z.string({ error: 'must be an IPv4 address, e.g. 127.0.0.1' }).check(
          z.regex(IPV4, { error: 'must be an IPv4 address, e.g. 127.0.0.1 (only this laptop) or 0.0.0.0 (every interface)' }),
        ),
      ),
      'Host address the proxy port is published on (default: 127.0.0.1 on the local target, 0.0.0.0 on a server).',
    ),
  }),
  'Where the stack is reached.',
);

/** What a target defaults to where the spec says nothing: the published port and the address it is published on. */
export const TARGET_DEFAULTS = {
  local: { port: 8080, bind: '127.0.0.1' },
  server: { port: 443, bind: '0.0.0.0' },
} as const;

/** A path inside the stack folder, as a person writes it: relative, no `..`. */
/** Let's Encrypt's production directory: what `tls.acme` uses unless it names another ACME server. */
export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

const acme = describe(
  z.strictObject({
    email: describe(
      z.string({ error: 'must be an email address, e.g. ops@example.com' }).check(
        z.trim(),
        z.regex(/^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/, { error: 'must be an email address the CA may write to about expiring certificates, e.g. ops@example.com' }),
      ),
      help('tls.acme.email'),
    ),
    directory: fallback(
      z.string({ error: `must be an ACME directory URL, e.g. ${LETS_ENCRYPT_DIRECTORY}` }).check(
        z.trim(),
        z.regex(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/, { error: `must be the https URL of an ACME directory, e.g. ${LETS_ENCRYPT_DIRECTORY} (an internal ACME CA: set tls.ca too)` }),
      ),
      LETS_ENCRYPT_DIRECTORY,
      "The ACME server's directory URL (default: Let's Encrypt).",
    ),
  }),
  'Certificates by ACME (HTTP-01 on port 80): a lego companion obtains and renews one per public name.',
);

const tls = describe(
  z.strictObject({
    certificate: describe(z.optional(stackPath('tls/fullchain.pem')), 'The certificate chain (PEM) for every public host name, relative to the stack folder (default: tls/fullchain.pem; not with acme).'),
    key: describe(z.optional(stackPath('tls/privkey.pem')), 'Its private key (PEM), relative to the stack folder; git-ignored (default: tls/privkey.pem; not with acme).'),
    ca: describe(z.optional(stackPath('tls/ca.pem')), help('tls.ca')),
    acme: z.optional(acme),
  }),
  'TLS of the server target: certificate files you provide (from your CA, or an internal one), or certificates by ACME.',
);

/** Where the server's certificates come from, with the defaults filled in. */
export type ServerTls =
  | { certificate: string; key: string; ca?: string; acme?: undefined }
  | { certificate?: undefined; key?: undefined; ca?: string; acme: { email: string; directory: string } };

/** The file names when the spec gives none and no ACME. */
export const DEFAULT_TLS_FILES = { certificate: 'tls/fullchain.pem', key: 'tls/privkey.pem' } as const;

function serverTls(given: z.output<typeof tls> | undefined): ServerTls {
  if (given?.acme) return { acme: given.acme, ...(given.ca ? { ca: given.ca } : {}) };
  return { certificate: given?.certificate ?? DEFAULT_TLS_FILES.certificate, key: given?.key ?? DEFAULT_TLS_FILES.key, ...(given?.ca ? { ca: given.ca } : {}) };
}

const proxy = describe(
  z.strictObject({
    type: z._default(z.enum(availableChoices('proxy.type', ['nginx', 'caddy', 'traefik']), { error: (issue) => choiceError('proxy.type', issue.input) }), 'nginx'),
  }),
  help('proxy.type'),
);

const machineUser = z.union(
  [
    z.pipe(identifier('ci'), z.transform((name: string) => ({ name, password: undefined as string | undefined }))),
    z.strictObject({
      name: identifier('ci'),
      password: describe(z.optional(envRef), 'A password a person chose, as env:NAME. Omit it to generate a random one (recommended).'),
    }),
  ],
  { error: 'must be a user name such as ci, or {name: ci, password: env:NAME}' },
);

const machineAccess = describe(
  z.strictObject({
    type: fallback(
      z.enum(['basic', 'none'], { error: 'must be one of: basic, none (none: no credential on the API, for a private network only)' }),
      'basic',
      'basic: a password per machine user; none: no credential on the API at all (a private network only).',
    ),
    users: describe(
      z.prefault(
        z.array(machineUser, { error: 'must be a list of user names, e.g. [ci, worker]' }).check(
          z.minLength(1, { error: 'must name at least one machine user, e.g. [ci, worker]' }),
        ),
        ['ci', 'worker'],
      ),
      help('machineAccess.users'),
    ),
    tokens: describe(
      z.optional(
        z.strictObject({
          clientId: fallback(identifier('prefect-ci'), 'prefect-ci', 'The client CI authenticates as (client credentials); the bundled Keycloak gets it, with a generated secret.'),
          audience: describe(
            z.optional(z.string({ error: 'must be an audience, e.g. api://default' }).check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9._~:\/@-]{0,254}$/, { error: 'must be the audience your provider puts in CI tokens, e.g. api://default' }))),
            'The aud of CI tokens when it is not the sign-in client ID (Okta: api://default; Auth0: the API identifier).',
          ),
          scope: describe(
            z.optional(z.string({ error: 'must be a scope, e.g. prefect' }).check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,127}$/, { error: 'must be one scope name, e.g. prefect' }))),
            'The scope CI asks for (Okta: a custom scope of the authorization server; Entra ID: api://<client id>/.default when omitted).',
          ),
        }),
      ),
      'Also accept access tokens of the identity provider on the machine host (CI by client credentials), beside the basic-auth users (workers).',
    ),
    githubActions: describe(
      z.optional(
        z.strictObject({
          subjects: z.array(
            z.string({ error: 'must be a GitHub Actions subject, e.g. repo:acme/flows:ref:refs/heads/main' }).check(
              z.trim(),
              z.regex(GITHUB_SUBJECT, {
                error: 'must be one exact GitHub Actions subject (no wildcards): repo:OWNER/REPO:ref:refs/heads/BRANCH, repo:OWNER/REPO:ref:refs/tags/TAG or repo:OWNER/REPO:environment:NAME',
              }),
            ),
            { error: 'must be a list of GitHub Actions subjects, e.g. [repo:acme/flows:ref:refs/heads/main]' },
          ).check(z.minLength(1, { error: 'must name at least one subject: any repository on GitHub can get a token, so only the ones listed get in' })),
          audience: describe(
            z.optional(z.string({ error: 'must be an audience, e.g. https://prefect-api.example.com' }).check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9._~:\/@-]{0,254}$/, { error: 'must be the audience the workflow asks its token for, e.g. https://prefect-api.example.com' }))),
            "The aud the workflow asks for (default: the machine host's https origin).",
          ),
        }),
      ),
      'GitHub Actions jobs sign in with their OIDC token, no stored secret: only the exact subjects listed (repo:OWNER/REPO:ref:refs/heads/main, …).',
    ),
    serverAuthString: fallback(
      z.boolean({ error: 'must be true or false' }),
      false,
      "Prefect checks the machine credential too (PREFECT_SERVER_API_AUTH_STRING), a second check behind the proxy's: one machine user; the proxy sends it for signed-in people.",
    ),
  }),
  'How workers and CI authenticate on the machine host.',
);

const prefect = describe(
  z.strictObject({
    image: z._default(
      z.string({ error: 'must be an image name, e.g. prefecthq/prefect' }).check(
        z.regex(IMAGE_NAME, { error: 'must be an image name without a tag, e.g. prefecthq/prefect' }),
      ),
      'prefecthq/prefect',
    ),
    version: fallback(
      z.string({ error: 'must be a Prefect version in quotes, e.g. "3.8.3"' }).check(
        z.regex(SEMVER, { error: 'must be an exact Prefect 3 version X.Y.Z (images are pinned), e.g. "3.8.3"' }),
        z.refine((v) => v.startsWith('3.'), { error: 'must be a Prefect 3 version (3.X.Y)' }),
        z.refine((v) => !v.startsWith('3.') || atLeast(v, MIN_PREFECT_VERSION), {
          error: `must be ${MIN_PREFECT_VERSION} or newer: the client profiles authenticate WebSocket handshakes (events, logs, cancellation) with PREFECT_CLIENT_CUSTOM_HEADERS, which Prefect ${MIN_PREFECT_VERSION} added`,
        }),
      ),
      DEFAULT_PREFECT_VERSION,
      help('prefect.version'),
    ),
    egress: fallback(
      z.enum(availableChoices('prefect.egress', ['none', 'internet']), { error: (issue) => choiceError('prefect.egress', issue.input) }),
      'none',
      help('prefect.egress'),
    ),
    python: z._default(
      z.string({ error: 'must be a Python version in quotes, e.g. "3.12"' }).check(
        z.regex(PYTHON_VERSION, { error: 'must be a Python version such as "3.12"' }),
      ),
      '3.12',
    ),
  }),
  'Prefect server image.',
);

const clients = describe(
  z.strictObject({
    // Omitted: one profile per machine user (filled in by specSchema, which knows the users).
    profiles: describe(z.optional(z.array(identifier('ci'), { error: 'must be a list of machine user names' })), help('clients.profiles')),
  }),
  'Prefect client configuration to write.',
);

/** The spec's parts, each valid or not on its own; cross-field rules read the valid ones. */
const specShape = {
  $schema: describe(z.optional(z.string()), 'Editor hint; ignored.'),
  version: z.literal(SPEC_VERSION, { error: `must be ${SPEC_VERSION}: write "version: ${SPEC_VERSION}" at the top` }),
  name: fallback(identifier('prefect'), 'prefect', help('name')),
  target: fallback(
    z.enum(availableChoices('target', ['local', 'server']), { error: (issue) => choiceError('target', issue.input) }),
    'local',
    help('target'),
  ),
  hosts: z.prefault(hosts, {}),
  tls: z.optional(tls),
  identityProvider: z.prefault(identityProvider, { type: 'keycloak' }),
  proxy: z.prefault(proxy, {}),
  machineAccess: z.prefault(machineAccess, {}),
  database: z.prefault(database, { type: 'postgres' }),
  scale: z.prefault(scale, {}),
  prefect: z.prefault(prefect, {}),
  clients: z.prefault(clients, {}),
};

type Parts = { [K in keyof typeof specShape]: z.output<(typeof specShape)[K]> };

export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Rules between fields. Each reads only the parts it names, so a spec with a
 * bad field elsewhere still hears about these in the same run.
 */
export function crossFieldIssues(parts: Partial<Parts>): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const { hosts: h, target, machineAccess: access, clients: c, identityProvider: idp, tls: t } = parts;
  issues.push(...identityCrossFieldIssues(idp, target));
  issues.push(...databaseCrossFieldIssues(parts.database, parts.scale, target, parts.prefect?.version));
  if (t && target === 'local') {
    issues.push({ path: ['tls'], message: 'is for target: server only: the local stack serves plain http on this computer. Remove it, or set target: server' });
  }
  if (t?.acme) {
    for (const key of ['certificate', 'key'] as const) {
      if (t[key]) issues.push({ path: ['tls', key], message: 'means nothing with tls.acme, which obtains the certificates itself. Remove one of them: tls.acme (ACME) or tls.certificate and tls.key (your files)' });
    }
  }
  if (access?.type === 'none') {
    if (access.tokens) issues.push({ path: ['machineAccess', 'tokens'], message: 'means nothing with machineAccess.type: none, which lets every request in. Remove one of them' });
    access.users.forEach((user, index) => {
      if (user.password) issues.push({ path: ['machineAccess', 'users', index, 'password'], message: 'means nothing with machineAccess.type: none (no credential is checked); the names only name the client profiles. Remove it, or use type: basic' });
    });
  }
  if (access?.serverAuthString) {
    const why = 'Prefect then accepts only its auth string, a machine user\'s name and password';
    if (access.type === 'none') issues.push({ path: ['machineAccess', 'serverAuthString'], message: `cannot be used with machineAccess.type: none: ${why}, and none has no credential. Remove one of them` });
    else if (access.tokens) issues.push({ path: ['machineAccess', 'serverAuthString'], message: `cannot be used with machineAccess.tokens: ${why}, so it refuses every access token (and WebSockets send the token inside the socket, where no proxy can swap it). Remove one of them` });
    else if (access.users.length !== 1) {
      issues.push({ path: ['machineAccess', 'users'], message: `must name exactly one machine user with machineAccess.serverAuthString: ${why}, and WebSockets send it inside the socket, where no proxy can swap one user's for another's. Keep one, e.g. [machines]` });
    } else if (access.users[0]!.password) {
      issues.push({ path: ['machineAccess', 'users', 0, 'password'], message: `cannot be chosen with machineAccess.serverAuthString: ${why}, read from .env, where only a generated password is kept. Remove it for a generated one` });
    }
  }
  if (access?.githubActions) {
    const field = ['machineAccess', 'githubActions'];
    if (access.type === 'none') issues.push({ path: field, message: 'means nothing with machineAccess.type: none, which lets every request in. Remove one of them' });
    else if (access.tokens) issues.push({ path: field, message: 'cannot be used with machineAccess.tokens yet: the machine host asks one token check per request. Keep one of them' });
    else if (access.serverAuthString) issues.push({ path: field, message: "cannot be used with machineAccess.serverAuthString: Prefect then accepts only its auth string, so it refuses every GitHub token. Remove one of them" });
    if (target === 'local') issues.push({ path: field, message: 'needs target: server: a GitHub-hosted runner reaches only a machine host on the internet, over https' });
  }
  if (access?.tokens && idp && ['google', 'github', 'gitlab'].includes(idp.type)) {
    issues.push({
      path: ['machineAccess', 'tokens'],
      message: `cannot be used with identityProvider.type: ${idp.type}: it issues no tokens to a machine by client credentials. Remove machineAccess.tokens (CI uses a machine user), or sign in with a provider that does (keycloak, entra, okta, auth0, oidc)`,
    });
  }
  if (access?.tokens && idp?.type === 'okta' && (idp.authorizationServer === 'org' || !access.tokens.scope)) {
    issues.push({
      path: ['machineAccess', 'tokens', 'scope'],
      message: idp.authorizationServer === 'org'
        ? 'cannot be used with Okta\'s org authorization server: it gives machines no token for your API. Use a custom authorization server (identityProvider.authorizationServer: default) with a custom scope'
        : 'is required with Okta: the custom scope of the authorization server CI asks for (Security → API → Authorization Servers → Scopes), e.g. prefect',
    });
  }
  if (access?.tokens && idp?.type === 'auth0' && !access.tokens.audience) {
    issues.push({ path: ['machineAccess', 'tokens', 'audience'], message: 'is required with Auth0: the identifier of the API CI asks a token for (Applications → APIs), e.g. https://prefect.example.com/api' });
  }
  if (h && target === 'server') {
    for (const key of ['ui', 'machine', ...(!idp || (idp.type === 'keycloak' && idp.bundled) ? ['idp' as const] : [])] as const) {
      if (meansThisMachine(h[key])) {
        issues.push({ path: ['hosts', key], message: `must be a name of your domain that resolves to the server for browsers and machines ("${h[key]}" names this machine wherever it is resolved), e.g. ${key === 'ui' ? 'prefect' : key === 'machine' ? 'prefect-api' : 'keycloak'}.example.com` });
      }
    }
    if (h.port === 80) issues.push({ path: ['hosts', 'port'], message: 'must not be 80 on a server: the stack serves https on this port and redirects http on port 80 to it' });
  }
  if (h) {
    if (h.ui === h.machine) {
      issues.push({ path: ['hosts', 'machine'], message: `must differ from hosts.ui ("${h.ui}"): the UI host uses SSO and the machine host uses machine credentials` });
    }
    // Only a bundled provider is served on hosts.idp.
    if ((h.idp === h.ui || h.idp === h.machine) && (!idp || (idp.type === 'keycloak' && idp.bundled))) {
      issues.push({ path: ['hosts', 'idp'], message: `must differ from hosts.ui and hosts.machine ("${h.idp}"): the identity provider needs a host of its own` });
    }
  }
  if (h && target === 'local') {
    for (const key of ['ui', 'machine', ...(idp && !(idp.type === 'keycloak' && idp.bundled) ? [] : ['idp' as const])] as const) {
      if (!h[key].endsWith('.localtest.me')) {
        issues.push({
          path: ['hosts', key],
          message: `"${h[key]}" does not resolve to this machine: the local target needs a name under localtest.me (it resolves to 127.0.0.1 for the browser, and the stack gives the proxy the same name inside Docker), e.g. ${key === 'ui' ? 'prefect' : key === 'machine' ? 'prefect-api' : 'keycloak'}.localtest.me`,
        });
      }
    }
  }
  if (access) {
    const users = new Set(access.users.map((user) => user.name));
    if (users.size !== access.users.length) {
      issues.push({ path: ['machineAccess', 'users'], message: 'must not name a user twice' });
    } else if (new Set(access.users.map((user) => machineSecretName(user.name))).size !== users.size) {
      // Each user's secret is stored under an upper-case variable name: a-b and a_b would share one.
      issues.push({ path: ['machineAccess', 'users'], message: 'must not hold names that differ only in "-" versus "_"' });
    }
    const profiles = c?.profiles ?? [];
    profiles.forEach((profile, index) => {
      if (!users.has(profile)) {
        issues.push({
          path: ['clients', 'profiles', index],
          message: `names "${profile}", which is not in machineAccess.users (${[...users].join(', ')}): add it there or remove the profile (omit clients.profiles to write one per machine user with a generated password)`,
        });
      }
    });
  }
  if (c?.profiles && new Set(c.profiles).size !== c.profiles.length) {
    issues.push({ path: ['clients', 'profiles'], message: 'must not name a profile twice' });
  }
  return issues;
}

/** Parses each part of a spec on its own: the ones that are valid, for the cross-field rules. */
export function validParts(input: unknown): Partial<Parts> {
  const record = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const parts: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(specShape)) {
    const result = z.safeParse(schema as z.ZodMiniType, record[key]);
    if (result.success) parts[key] = result.data;
  }
  return parts as Partial<Parts>;
}

export const specSchema = z.pipe(
  z.strictObject(specShape).check(
    z.superRefine((spec, ctx) => {
      for (const issue of crossFieldIssues(spec)) ctx.addIssue({ code: 'custom', ...issue });
    }),
  ),
  // Client profiles, when omitted, are one per machine user with a generated
  // password: a password a person chose stays with them unless they ask for a profile.
  z.transform((spec) => ({
    ...spec,
    hosts: { ...spec.hosts, port: spec.hosts.port ?? TARGET_DEFAULTS[spec.target].port, bind: spec.hosts.bind ?? TARGET_DEFAULTS[spec.target].bind },
    // The server target always has TLS: the default file names when the spec gives none.
    tls: spec.target === 'server' ? serverTls(spec.tls) : undefined,
    clients: { profiles: spec.clients.profiles ?? spec.machineAccess.users.filter((user) => !user.password).map((user) => user.name) },
  })),
);

export type SpecInput = z.input<typeof specSchema>;
export type Spec = z.output<typeof specSchema>;
