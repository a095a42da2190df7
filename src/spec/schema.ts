/**
 * The spec: one file (`prefect-secure.yaml`) that describes the whole stack.
 * It is the single source of truth: prompts and flags only fill it, the plan
 * is derived from it. Secrets never live here; they are generated into the
 * stack's `.env` or referenced as `env:NAME`.
 */
import * as z from 'zod';
import { HOSTNAME, IDENTIFIER, IPV4, IMAGE_NAME, PYTHON_VERSION, SEMVER } from '../util/formats.js';

export const SPEC_VERSION = 1;

export const DEFAULT_PREFECT_VERSION = '3.8.3';

const hostname = z
  .string({ error: 'must be a hostname (text), e.g. prefect.example.com' })
  .trim()
  .toLowerCase()
  .refine((v) => !/^[a-z][a-z0-9+.-]*:\/\//.test(v), {
    error: 'must be a bare hostname, not a URL: drop the scheme, port and path (the port goes in hosts.port)',
  })
  .refine((v) => !v.includes(':') || /^[a-z][a-z0-9+.-]*:\/\//.test(v), {
    error: 'must not carry a port: write the bare hostname and set hosts.port',
  })
  .refine((v) => !v.includes('/') || /^[a-z][a-z0-9+.-]*:\/\//.test(v), {
    error: 'must be a bare hostname without a path',
  })
  .refine((v) => /[:/]/.test(v) || HOSTNAME.test(v), {
    error: 'is not a valid hostname: use letters, digits, hyphens and dots, e.g. prefect.example.com',
  });

const identifier = (example: string) =>
  z.string({ error: `must be a name (text), e.g. ${example}` }).regex(IDENTIFIER, {
    error: `must start with a lowercase letter and hold only lowercase letters, digits, '-' and '_' (at most 63), e.g. ${example}`,
  });

const port = z
  .number({ error: 'must be a port number (1-65535), e.g. 8080' })
  .int({ error: 'must be a whole number between 1 and 65535' })
  .min(1, { error: 'must be between 1 and 65535' })
  .max(65535, { error: 'must be between 1 and 65535' });

const hosts = z
  .strictObject({
    ui: hostname.default('prefect.localtest.me').describe('Hostname people open in the browser (Prefect UI, SSO).'),
    machine: hostname
      .default('prefect-api.localtest.me')
      .describe('Hostname workers and CI use for the API (machine credentials, no SSO).'),
    idp: hostname
      .default('keycloak.localtest.me')
      .describe('Hostname of the bundled identity provider, as browsers and containers both see it.'),
    port: port.default(8080).describe('Public port of the proxy; it listens on the same port inside its container.'),
    bind: z
      .string({ error: 'must be an IPv4 address, e.g. 127.0.0.1' })
      .regex(IPV4, { error: 'must be an IPv4 address, e.g. 127.0.0.1 (only this laptop) or 0.0.0.0 (every interface)' })
      .default('127.0.0.1')
      .describe('Host address the proxy port is published on.'),
  })
  .describe('Where the stack is reached.');

const keycloak = z
  .strictObject({
    type: z.literal('keycloak'),
    bundled: z
      .literal(true, { error: 'only a bundled Keycloak is supported so far: set bundled: true' })
      .default(true)
      .describe('Run Keycloak inside the stack with a generated development realm.'),
    realm: identifier('prefect').default('prefect').describe('Realm name; the issuer is <idp>/realms/<realm>.'),
    clientId: identifier('prefect').default('prefect').describe('OIDC client oauth2-proxy signs in with.'),
    allowedRoles: z
      .array(identifier('prefect-user'), { error: 'must be a list of realm role names' })
      .min(1, { error: 'must name at least one realm role: without one, every account of the realm gets in' })
      .default(['prefect-user'])
      .describe('Realm roles allowed to sign in; the demo user gets the first.'),
    demoUser: identifier('demo').default('demo').describe('Username of the generated demo account.'),
  })
  .describe('Keycloak bundled in the stack.');

const identityProvider = z
  .discriminatedUnion('type', [keycloak], {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'must be one of: keycloak (more providers are planned)' : undefined,
  })
  .describe('Who signs people in.');

const proxy = z
  .strictObject({
    type: z.enum(['nginx'], { error: 'must be one of: nginx (Traefik and Caddy are planned)' }).default('nginx'),
  })
  .describe('Reverse proxy in front of everything.');

/** `env:NAME`: a secret supplied through the environment at render time, never written into the spec. */
export const envRef = z
  .string({ error: 'must be a reference to an environment variable, env:NAME' })
  .regex(/^env:[A-Z_][A-Z0-9_]*$/, {
    error: 'must be env:NAME (an upper-case environment variable): secrets never live in the spec',
  })
  .transform((value) => value.slice(4));

const machineUser = z.union(
  [
    identifier('ci').transform((name) => ({ name, password: undefined as string | undefined })),
    z.strictObject({
      name: identifier('ci'),
      password: envRef
        .optional()
        .describe('A password a person chose, as env:NAME. Omit it to generate a random one (recommended).'),
    }),
  ],
  { error: 'must be a user name such as ci, or {name: ci, password: env:NAME}' },
);

const machineAccess = z
  .strictObject({
    type: z.enum(['basic'], { error: 'must be one of: basic' }).default('basic'),
    users: z
      .array(machineUser, { error: 'must be a list of user names, e.g. [ci, worker]' })
      .min(1, { error: 'must name at least one machine user, e.g. [ci, worker]' })
      .prefault(['ci', 'worker'])
      .describe('Machine users; each gets a generated random password unless one is given as env:NAME.'),
  })
  .describe('How workers and CI authenticate on the machine host.');

const database = z
  .strictObject({
    type: z.enum(['postgres'], { error: 'must be one of: postgres (bundled)' }).default('postgres'),
    version: z
      .enum(['15', '16', '17'], { error: 'must be one of: 15, 16, 17 (Prefect needs PostgreSQL 14.9 or newer)' })
      .default('17'),
  })
  .describe('Prefect database.');

const prefect = z
  .strictObject({
    image: z
      .string({ error: 'must be an image name, e.g. prefecthq/prefect' })
      .regex(IMAGE_NAME, { error: 'must be an image name without a tag, e.g. prefecthq/prefect' })
      .default('prefecthq/prefect'),
    version: z
      .string({ error: 'must be a Prefect version in quotes, e.g. "3.8.3"' })
      .regex(SEMVER, { error: 'must be an exact Prefect 3 version X.Y.Z (images are pinned), e.g. "3.8.3"' })
      .refine((v) => v.startsWith('3.'), { error: 'must be a Prefect 3 version (3.X.Y)' })
      .default(DEFAULT_PREFECT_VERSION),
    python: z
      .string({ error: 'must be a Python version in quotes, e.g. "3.12"' })
      .regex(PYTHON_VERSION, { error: 'must be a Python version such as "3.12"' })
      .default('3.12'),
  })
  .describe('Prefect server image.');

const clients = z
  .strictObject({
    profiles: z
      .array(identifier('ci'), { error: 'must be a list of machine user names' })
      .default(['ci', 'worker'])
      .describe('Prefect client profiles to write; each names a machine user.'),
  })
  .describe('Prefect client configuration to write.');

export const specSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Editor hint; ignored.'),
    version: z.literal(SPEC_VERSION, { error: `must be ${SPEC_VERSION}: write "version: ${SPEC_VERSION}" at the top` }),
    name: identifier('prefect').default('prefect').describe('Compose project name.'),
    target: z
      .enum(['local'], {
        error: (issue) =>
          issue.input === 'server' || issue.input === 'kubernetes'
            ? `"${String(issue.input)}" is not available yet; available: local`
            : 'must be one of: local',
      })
      .default('local')
      .describe('Where the stack runs.'),
    hosts: hosts.prefault({}),
    identityProvider: identityProvider.prefault({ type: 'keycloak' }),
    proxy: proxy.prefault({}),
    machineAccess: machineAccess.prefault({}),
    database: database.prefault({}),
    prefect: prefect.prefault({}),
    clients: clients.prefault({}),
  })
  .superRefine((spec, ctx) => {
    const { ui, machine, idp } = spec.hosts;
    if (ui === machine) {
      ctx.addIssue({
        code: 'custom',
        path: ['hosts', 'machine'],
        message: `must differ from hosts.ui ("${ui}"): the UI host uses SSO and the machine host uses machine credentials`,
      });
    }
    if (idp === ui || idp === machine) {
      ctx.addIssue({
        code: 'custom',
        path: ['hosts', 'idp'],
        message: `must differ from hosts.ui and hosts.machine ("${idp}"): the identity provider needs a host of its own`,
      });
    }
    if (spec.target === 'local') {
      for (const key of ['ui', 'machine', 'idp'] as const) {
        const host = spec.hosts[key];
        if (!host.endsWith('.localtest.me')) {
          ctx.addIssue({
            code: 'custom',
            path: ['hosts', key],
            message: `"${host}" does not resolve to this machine: the local target needs a name under localtest.me (it resolves to 127.0.0.1 for the browser, and the stack gives the proxy the same name inside Docker), e.g. ${key === 'ui' ? 'prefect' : key === 'machine' ? 'prefect-api' : 'keycloak'}.localtest.me`,
          });
        }
      }
    }
    const users = new Set(spec.machineAccess.users.map((user) => user.name));
    if (users.size !== spec.machineAccess.users.length) {
      ctx.addIssue({ code: 'custom', path: ['machineAccess', 'users'], message: 'must not name a user twice' });
    } else {
      // Each user's secret is stored under an upper-case variable name: a-b and a_b would share one.
      const variables = new Set(spec.machineAccess.users.map((user) => user.name.toUpperCase().replace(/-/g, '_')));
      if (variables.size !== users.size) {
        ctx.addIssue({ code: 'custom', path: ['machineAccess', 'users'], message: 'must not hold names that differ only in "-" versus "_"' });
      }
    }
    spec.clients.profiles.forEach((profile, index) => {
      if (!users.has(profile)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clients', 'profiles', index],
          message: `names "${profile}", which is not in machineAccess.users (${[...users].join(', ')}): add it there or remove the profile`,
        });
      }
    });
    if (new Set(spec.clients.profiles).size !== spec.clients.profiles.length) {
      ctx.addIssue({ code: 'custom', path: ['clients', 'profiles'], message: 'must not name a profile twice' });
    }
  });

export type SpecInput = z.input<typeof specSchema>;
export type Spec = z.output<typeof specSchema>;
