/**
 * `identityProvider`: who signs people in. One shape per provider, chosen by
 * `type`. Each asks for the values a person copies from the provider's
 * console (and says where to find them when one is wrong), never for the
 * issuer where it can be derived, and refuses a configuration that would let
 * every account of the provider in.
 */
import * as z from 'zod/mini';
import { availableChoices, choiceError } from './fields.js';
import { describe, envRef, fallback, help, hostname, identifier } from './schemaParts.js';
import { isHttpUrl } from '../util/formats.js';
import { HTTPS_REDIRECT_ONLY } from './providerFacts.js';
import { isLoopbackHost, resolvesToLoopback } from '../util/loopback.js';

/** Said of a provider address that means "this machine": inside the oauth2-proxy container, the container itself. */
const LOOPBACK_MESSAGE =
  'names this machine (localhost, 127.x, *.localtest.me): inside the oauth2-proxy container that is the container itself, so sign-in cannot reach the provider. Use a name the containers and the browser both resolve to it';

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
};
const meansThisMachine = (host: string) => isLoopbackHost(host) || resolvesToLoopback(host);

/** A name without a dot resolves, in a container, only as a Docker service; the browser knows nothing of it. */
const BARE_NAME_MESSAGE = "must name the provider by its full domain name (a name without a dot is a Docker service's to containers and nobody's to the browser), e.g. example.okta.com";
const isBareName = (host: string) => host !== '' && !host.includes('.') && !host.includes(':');

/** A provider's host name (Okta's, Auth0's domain). */
const providerHost = hostname.check(
  z.refine((v) => !meansThisMachine(v), { error: LOOPBACK_MESSAGE }),
  z.refine((v) => meansThisMachine(v) || !isBareName(v), { error: BARE_NAME_MESSAGE }),
);

/** A GUID as Entra writes tenant, client and group object IDs. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the providers issue as client IDs: Entra GUIDs, Okta 0oa…, Google …apps.googleusercontent.com, GitHub Iv1.…, hex. */
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._~:@-]{0,254}$/;

const clientId = (where: string) =>
  z.string({ error: `must be the client ID (text) ${where}` }).check(
    z.trim(),
    z.regex(CLIENT_ID, { error: `must be the client ID ${where}: letters, digits and . _ ~ : @ -, no spaces` }),
  );


/** An http(s) base URL without query, fragment or trailing slash. */
const baseUrl = (example: string) =>
  z.pipe(
    z.string({ error: `must be a URL, e.g. ${example}` }).check(
      z.trim(),
      z.refine((v) => isHttpUrl(v.replace(/\/+$/, '')), { error: `must be an http(s) URL without query or fragment, e.g. ${example}` }),
      z.refine((v) => !meansThisMachine(hostOf(v)), { error: LOOPBACK_MESSAGE }),
      z.refine((v) => meansThisMachine(hostOf(v)) || !isBareName(hostOf(v)), { error: BARE_NAME_MESSAGE }),
    ),
    z.transform((v: string) => v.replace(/\/+$/, '')),
  );

/** Names of groups or roles as the provider puts them in a claim (they may hold spaces, slashes and colons). */
const claimValues = (what: string, example: string) =>
  z.array(
    z.string({ error: `must be a list of ${what}, e.g. [${example}]` }).check(
      z.trim(),
      z.regex(/^[^\s"'\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069][^"\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]{0,255}$/, {
        error: `must be ${what}: printable text without quotes or backslashes, e.g. ${example}`,
      }),
    ),
    { error: `must be a list of ${what}, e.g. [${example}]` },
  );

const nonEmpty = <T extends z.ZodMiniArray>(schema: T, message: string) => schema.check(z.minLength(1, { error: message })) as T;

/** A claim name: a plain name, a dotted path (realm_access.roles) or a namespaced URL (https://example.com/roles). */
const claimName = (example: string) =>
  z.string({ error: `must be a claim name, e.g. ${example}` }).check(
    z.trim(),
    z.regex(/^([A-Za-z_][A-Za-z0-9_.:-]{0,127}|https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)*)$/, {
      error: `must be a claim name (letters, digits, _ . : -) or a namespaced https:// URL, e.g. ${example}`,
    }),
  );

/** Email domains people sign in with; `*` would admit every account. */
const emailDomains = (who: string) =>
  z.array(
    z.string({ error: 'must be a list of email domains, e.g. [example.com]' }).check(
      z.trim(),
      z.toLowerCase(),
      z.refine((v) => v !== '*', { error: `must name your domains, not *: with * ${who} can sign in` }),
      z.refine((v) => v === '*' || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(v), {
        error: 'must be an email domain such as example.com (no @, no scheme)',
      }),
    ),
    { error: 'must be a list of email domains, e.g. [example.com]' },
  );

/** Keys whose help is the field registry's (src/config/fields.ts): the same words in the wizard and the JSON Schema. */
const REGISTRY_KEYS = new Set(['bundled', 'url', 'tenantId', 'domain', 'authorizationServer', 'issuerUrl', 'realm', 'clientId', 'clientSecret', 'allowedRoles', 'allowedGroups', 'emailDomains', 'org', 'groups']);

function withRegistryHelp<S extends Record<string, z.ZodMiniType>>(shape: S): S {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, REGISTRY_KEYS.has(key) ? describe(schema, help(`identityProvider.${key}`)) : schema])) as S;
}

const TYPES = availableChoices('identityProvider.type', ['keycloak', 'entra', 'okta', 'auth0', 'google', 'github', 'gitlab', 'oidc']);

const keycloak = describe(
  z
    .strictObject(withRegistryHelp({
      type: z.literal(TYPES[0]),
      bundled: fallback(
        z.boolean({ error: 'must be true (Keycloak runs inside the stack) or false (your own Keycloak, at url)' }),
        true,
        'true: run Keycloak inside the stack with a generated development realm. false: use your own Keycloak at url.',
      ),
      url: z.optional(baseUrl('https://sso.example.com')),
      realm: fallback(identifier('prefect'), 'prefect', help('identityProvider.realm')),
      clientId: fallback(identifier('prefect'), 'prefect', 'OIDC client oauth2-proxy signs in with.'),
      clientSecret: z.optional(envRef),
      allowedRoles: fallback(
        nonEmpty(z.array(identifier('prefect-user'), { error: 'must be a list of realm role names' }), 'must name at least one realm role: without one, every account of the realm gets in'),
        ['prefect-user'],
        help('identityProvider.allowedRoles'),
      ),
      demoUser: fallback(identifier('demo'), 'demo', 'Username of the generated demo account (bundled Keycloak only).'),
    }))
    .check(
      z.superRefine((idp, ctx) => {
        if (idp.bundled) {
          for (const key of ['url', 'clientSecret'] as const) {
            if (idp[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], input: idp[key], message: 'is only for your own Keycloak: set bundled: false, or remove it (the bundled Keycloak gets a generated secret)' });
          }
          return;
        }
        if (idp.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], input: undefined, message: 'is required with bundled: false: the public base URL of your Keycloak, e.g. https://sso.example.com (the issuer is <url>/realms/<realm>)' });
        if (idp.clientSecret === undefined) ctx.addIssue({ code: 'custom', path: ['clientSecret'], input: undefined, message: 'is required with bundled: false: the client\'s secret from Clients → <client> → Credentials, as env:NAME' });
      }),
    ),
  'Keycloak: bundled in the stack, or your own.',
);

const entra = describe(
  z
    .strictObject(withRegistryHelp({
      type: z.literal(TYPES[1]),
      tenantId: z.string({ error: 'must be the Directory (tenant) ID, a GUID' }).check(
          z.trim(),
          z.toLowerCase(),
          z.refine((v) => !['common', 'organizations', 'consumers'].includes(v), {
            error: 'must be your Directory (tenant) ID, not a multi-tenant alias: common, organizations and consumers let accounts of every tenant in (App registrations → your app → Overview → Directory (tenant) ID)',
          }),
          z.refine((v) => ['common', 'organizations', 'consumers'].includes(v) || GUID.test(v), {
            error: 'must be the Directory (tenant) ID, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47 (App registrations → your app → Overview); a domain name would not match the issuer in the tokens',
          }),
        ),
      clientId: z.string({ error: 'must be the Application (client) ID, a GUID' }).check(
          z.trim(),
          z.toLowerCase(),
          z.regex(GUID, { error: 'must be the Application (client) ID, a GUID (App registrations → your app → Overview)' }),
        ),
      clientSecret: envRef,
      allowedGroups: z.optional(
          nonEmpty(
            z.array(
              z.string({ error: 'must be a list of group object IDs' }).check(
                z.trim(),
                z.toLowerCase(),
                z.regex(GUID, { error: 'must be a group\'s Object ID, a GUID (Groups → the group → Overview): Entra puts IDs, not names, in the groups claim' }),
              ),
              { error: 'must be a list of group object IDs' },
            ),
            'must name at least one group object ID',
          ),
        ),
      allowedRoles: z.optional(nonEmpty(claimValues('app role values', 'Prefect.Access'), 'must name at least one app role value')),
      emailClaim: fallback(
        z.enum(['email', 'preferred_username'], { error: 'must be email or preferred_username' }),
        'email',
        'Claim that names the person: email, or preferred_username for accounts without a mailbox.',
      ),
    }))
    .check(
      z.superRefine((idp, ctx) => {
        if (idp.allowedGroups === undefined && idp.allowedRoles === undefined) {
          ctx.addIssue({ code: 'custom', path: ['allowedRoles'], input: undefined, message: 'is required (or allowedGroups): without one, every account of the tenant gets in. Prefer app roles (App registrations → App roles, then Enterprise applications → Users and groups)' });
        }
        if (idp.allowedGroups !== undefined && idp.allowedRoles !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['allowedGroups'], input: idp.allowedGroups, message: 'and allowedRoles cannot both be set: oauth2-proxy reads one claim (groups or roles). Keep one' });
        }
      }),
    ),
  'Microsoft Entra ID (single tenant).',
);

const okta = describe(
  z.strictObject(withRegistryHelp({
    type: z.literal(TYPES[2]),
    domain: providerHost,
    authorizationServer: fallback(
      z.string({ error: 'must be org, or an authorization server ID such as default' }).check(
        z.trim(),
        z.regex(/^(org|[A-Za-z0-9]{1,40})$/, { error: 'must be org (the org authorization server) or a custom authorization server ID such as default or aus1a2b3c4d5 (Security → API → Authorization Servers)' }),
      ),
      'default',
      'org, or the ID of a custom authorization server (Security → API → Authorization Servers); it decides the issuer.',
    ),
    clientId: clientId('(Applications → your app → General → Client Credentials)'),
    clientSecret: envRef,
    allowedGroups: nonEmpty(claimValues('Okta group names', 'Prefect Users'), 'must name at least one group: without one, every account of your Okta org gets in'),
  })),
  'Okta.',
);

const auth0 = describe(
  z.strictObject(withRegistryHelp({
    type: z.literal(TYPES[3]),
    domain: providerHost,
    clientId: clientId('(Applications → your app → Settings → Client ID)'),
    clientSecret: envRef,
    rolesClaim: describe(
      z.optional(claimName('https://prefect.example.com/roles')),
      'Namespaced claim a post-login Action fills with the person\'s roles (Auth0 drops a plain "roles" claim). Default: https://<hosts.ui>/roles.',
    ),
    allowedRoles: nonEmpty(claimValues('Auth0 role names', 'prefect-user'), 'must name at least one role: without one, every account of the tenant (including sign-ups) gets in'),
  })),
  'Auth0.',
);

const google = describe(
  z.strictObject(withRegistryHelp({
    type: z.literal(TYPES[4]),
    clientId: z.string({ error: 'must be the OAuth client ID' }).check(
        z.trim(),
        z.regex(/^[0-9]+-[a-z0-9]+\.apps\.googleusercontent\.com$/, { error: 'must be the OAuth client ID, e.g. 1234567890-abc123.apps.googleusercontent.com (Google Auth Platform → Clients)' }),
      ),
    clientSecret: envRef,
    emailDomains: nonEmpty(emailDomains('any Google account'), 'must name at least one email domain: without one, any Google account gets in'),
  })),
  'Google (Workspace domains).',
);

const github = describe(
  z.strictObject(withRegistryHelp({
    type: z.literal(TYPES[5]),
    clientId: clientId('(Settings → Developer settings → OAuth Apps → your app)'),
    clientSecret: envRef,
    org: z.string({ error: 'must be your GitHub organization\'s name' }).check(
        z.trim(),
        z.regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: 'must be the organization\'s login as in github.com/<org>: letters, digits and -, at most 39' }),
      ),
    teams: describe(
      z.optional(
        z.array(
          z.string({ error: 'must be a list of team slugs' }).check(
            z.trim(),
            z.regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, { error: 'must be a team slug as in github.com/orgs/<org>/teams/<slug>: lowercase letters, digits, - and _' }),
          ),
          { error: 'must be a list of team slugs' },
        ),
      ),
      'Only members of these teams of org (slugs).',
    ),
  })),
  'GitHub (an organization, optionally teams).',
);

const gitlab = describe(
  z.strictObject(withRegistryHelp({
    type: z.literal(TYPES[6]),
    url: fallback(baseUrl('https://gitlab.example.com'), 'https://gitlab.com', 'GitLab\'s URL: https://gitlab.com, or your own instance. It is also the issuer.'),
    clientId: clientId('(the application\'s page: Application ID)'),
    clientSecret: envRef,
    groups: nonEmpty(
        z.array(
          z.string({ error: 'must be a list of group paths' }).check(
            z.trim(),
            z.regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/, { error: 'must be a group path as in gitlab.com/<group>/<subgroup>' }),
          ),
          { error: 'must be a list of group paths' },
        ),
        'must name at least one group: without one, every account of the GitLab instance gets in',
      ),
  })),
  'GitLab (gitlab.com or your own).',
);

const oidc = describe(
  z
    .strictObject(withRegistryHelp({
      type: z.literal(TYPES[7]),
      issuerUrl: z.string({ error: 'must be the issuer URL, e.g. https://sso.example.com/' }).check(
          z.trim(),
          z.refine((v) => !/\/\.well-known\/openid-configuration\/?$/.test(v), {
            error: 'must be the issuer, not its discovery document: drop /.well-known/openid-configuration',
          }),
          z.refine((v) => /\/\.well-known\//.test(v) || isHttpUrl(v.endsWith('/') ? v.slice(0, -1) || v : v), {
            error: 'must be an http(s) URL without query or fragment, exactly as the "issuer" of <issuer>/.well-known/openid-configuration (a trailing slash matters)',
          }),
          z.refine((v) => !meansThisMachine(hostOf(v)), { error: LOOPBACK_MESSAGE }),
          z.refine((v) => meansThisMachine(hostOf(v)) || !isBareName(hostOf(v)), { error: BARE_NAME_MESSAGE }),
        ),
      clientId: clientId('(your provider\'s client or application settings)'),
      clientSecret: envRef,
      allowedGroups: z.optional(nonEmpty(claimValues('group names', 'prefect-users'), 'must name at least one group')),
      groupsClaim: fallback(claimName('groups'), 'groups', 'Claim of the ID token that holds the groups (a dotted path or namespaced URL also works).'),
      emailDomains: z.optional(nonEmpty(emailDomains('every account of the provider'), 'must name at least one email domain')),
      emailClaim: fallback(claimName('email'), 'email', 'Claim that holds the person\'s email address.'),
      scopes: describe(
        z.optional(
          z.array(
            z.string({ error: 'must be a list of scopes' }).check(z.regex(/^[A-Za-z0-9_.:\/-]{1,128}$/, { error: 'must be a scope name such as groups' })),
            { error: 'must be a list of scopes' },
          ),
        ),
        'Scopes to request besides openid email profile, e.g. [groups] when the provider sends the groups claim only on request.',
      ),
    }))
    .check(
      z.superRefine((idp, ctx) => {
        if (idp.allowedGroups === undefined && idp.emailDomains === undefined) {
          ctx.addIssue({ code: 'custom', path: ['allowedGroups'], input: undefined, message: 'is required (or emailDomains): without one, every account of the provider gets in' });
        }
      }),
    ),
  'Any OpenID Connect provider.',
);

export const identityProvider = describe(
  z.discriminatedUnion('type', [keycloak, entra, okta, auth0, google, github, gitlab, oidc], {
    error: (issue) => (issue.code === 'invalid_union' ? choiceError('identityProvider.type', (issue.input as { type?: unknown } | undefined)?.type) : undefined),
  }),
  help('identityProvider.type'),
);

export type IdentityProviderSpec = z.output<typeof identityProvider>;


export interface IdentityIssue {
  path: (string | number)[];
  message: string;
}

/** Rules between the identity provider and the rest of the spec. */
export function identityCrossFieldIssues(idp: IdentityProviderSpec | undefined, target: string | undefined): IdentityIssue[] {
  if (!idp || target === undefined) return [];
  const https = HTTPS_REDIRECT_ONLY[idp.type];
  if (target === 'local' && https) {
    return [{
      path: ['identityProvider', 'type'],
      message: `"${idp.type}" cannot be used with target: local: ${https}, and the local stack signs people in at a plain-http *.localtest.me address. Use a provider that accepts it (${TYPES.filter((t) => !HTTPS_REDIRECT_ONLY[t]).join(', ')}) for a local stack; ${idp.type} needs a stack served over https`,
    }];
  }
  return [];
}

type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; options?: { _zod: { def: Def } }[]; in?: { _zod: { def: Def } }; defaultValue?: unknown; values?: unknown[] };

/** The schema's default of one key of one provider's part (`authorizationServer` of okta is `default`), or undefined. */
export function providerDefault(type: string, key: string): unknown {
  const union = identityProvider._zod.def as unknown as Def;
  for (const option of union.options ?? []) {
    let def = option._zod.def;
    while (def.type === 'pipe' && def.in) def = def.in._zod.def;
    const literal = def.shape?.type?._zod.def;
    if (!literal?.values?.includes(type)) continue;
    const property = def.shape?.[key]?._zod.def;
    return property?.type === 'default' ? property.defaultValue : undefined;
  }
  return undefined;
}
