/**
 * The spec fields a person decides, in one table: each field's path, flag,
 * wizard question, choices (and which exist yet), help and how a typed answer
 * becomes its value. The flags, the wizard, the list of missing fields in a
 * non-interactive run, the JSON Schema's descriptions and the README's flag
 * table all read it, so they cannot drift apart. Defaults come from the
 * schema (src/config/schema.ts).
 */
import { listText } from '../util/listText.js';
import { getPath } from './paths.js';
import { HTTPS_REDIRECT_ONLY } from './providerFacts.js';

export { getPath, setPath } from './paths.js';

export interface FieldChoice {
  value: string;
  label: string;
  /** Listed, but not yet available: no component exists for it. */
  planned?: true;
  /** Why the choice cannot be taken with the rest of this draft (Entra ID on the plain-http local target), or undefined. */
  refusedWith?: (draft: unknown) => string | undefined;
}

export interface SpecField {
  path: string;
  /** The dedicated flag, when there is one (every field also takes --set path=value). */
  flag?: string;
  /** What the flag's value is called in --help. */
  valueName?: string;
  /** The wizard's question. */
  question: string;
  /** One line that explains the field: above the question, in --help, in the schema and the README. */
  help: string;
  /** How typed text becomes the value: as it is, a port number, a comma-separated list, one of `choices`, or true/false. */
  kind: 'text' | 'port' | 'number' | 'list' | 'choice' | 'boolean';
  choices?: FieldChoice[];
  /** Said after the choices when a value is refused (`Prefect needs PostgreSQL 14.9 or newer`). */
  note?: string;
  /** The default follows other fields (the schema fills it in); this says how, where a default is shown. */
  derivedDefault?: string;
  /** Asked only when this holds for the draft (a Keycloak realm only for Keycloak). */
  askedWhen?: (draft: unknown) => boolean;
  /** An empty answer leaves the field out (an optional file). */
  optional?: true;
}

/** Whether the wizard (and the missing-fields list of a non-interactive run) ever asks the field. */
export const everAsked = (field: SpecField): boolean => !field.askedWhen || field.askedWhen({});

/** Keycloak is the default identity provider, so an unset type counts as Keycloak. */
const providerType = (draft: unknown) => String(getPath(draft, 'identityProvider.type') ?? 'keycloak');
const keycloakOnly = (draft: unknown) => providerType(draft) === 'keycloak';
/** Your own Keycloak: bundled: false. */
const ownKeycloak = (draft: unknown) => keycloakOnly(draft) && getPath(draft, 'identityProvider.bundled') === false;
/** The bundled Keycloak, the default. */
const bundledKeycloak = (draft: unknown) => keycloakOnly(draft) && getPath(draft, 'identityProvider.bundled') !== false;
/** A provider outside the stack (anything but the bundled Keycloak). */
const external = (draft: unknown) => !bundledKeycloak(draft);
/** Providers that accept no plain-http redirect URI but localhost's (src/config/identityProvider.ts). */
const httpsOnly = (draft: unknown) => ((getPath(draft, 'target') ?? 'local') === 'local' ? '(needs https: not on the local target)' : undefined);
/** A provider choice, refused on the local target when the provider takes only https redirect URIs. */
const provider = (value: string, label: string): FieldChoice => ({ value, label, ...(HTTPS_REDIRECT_ONLY[value] ? { refusedWith: httpsOnly } : {}) });
const providers = (...types: string[]) => (draft: unknown) => types.includes(providerType(draft));
/** The bundled PostgreSQL is the default database. */
const dbType = (draft: unknown) => String(getPath(draft, 'database.type') ?? 'postgres');
/** A database outside the stack. */
const remoteDb = (draft: unknown) => ['external', 'azure', 'aws'].includes(dbType(draft));

export const SPEC_FIELDS: readonly SpecField[] = [
  {
    path: 'target', flag: '--target', question: 'Where will the stack run?', help: 'Where the stack runs.', kind: 'choice',
    choices: [
      { value: 'local', label: 'This computer (Docker, *.localtest.me)' },
      { value: 'server', label: 'A server or VM with a domain (https)' },
      { value: 'kubernetes', label: 'Kubernetes', planned: true },
    ],
  },
  { path: 'name', flag: '--name', question: 'Project name', help: 'Compose project name (lowercase letters, digits, - and _).', kind: 'text' },
  { path: 'hosts.ui', flag: '--ui-host', question: 'UI hostname (people, SSO)', help: 'Hostname people open in the browser (UI and sign-in).', kind: 'text' },
  { path: 'hosts.machine', flag: '--machine-host', question: 'API hostname (workers, CI)', help: 'Hostname workers and CI use for the API.', kind: 'text' },
  { path: 'hosts.idp', flag: '--idp-host', question: 'Identity provider hostname', help: 'Hostname of the bundled identity provider.', kind: 'text', askedWhen: (d) => bundledKeycloak(d) },
  {
    path: 'tls.acme.email', flag: '--acme-email', question: "ACME email (empty: you provide certificate files)", kind: 'text', optional: true,
    derivedDefault: 'none: your certificate files',
    help: "Server: get certificates by ACME (Let's Encrypt); the CA's contact email.",
    askedWhen: (d) => getPath(d, 'target') === 'server',
  },
  {
    path: 'tls.ca', question: 'Internal CA that signed the certificate (empty: a public CA)', kind: 'text', optional: true,
    help: "Server: an internal CA's PEM file that clients must trust, e.g. tls/ca.pem.",
    askedWhen: (d) => getPath(d, 'target') === 'server',
  },
  { path: 'hosts.port', flag: '--port', valueName: '<port>', question: 'Port', help: 'Port the proxy is published on (the same inside Docker).', kind: 'port', derivedDefault: '8080 (local), 443 (server)' },
  {
    path: 'identityProvider.type', flag: '--idp', question: 'Identity provider', help: 'Who signs people in.', kind: 'choice',
    choices: [
      { value: 'keycloak', label: 'Keycloak (bundled in the stack, or your own)' },
      provider('entra', 'Microsoft Entra ID'),
      provider('okta', 'Okta'),
      provider('auth0', 'Auth0'),
      provider('google', 'Google Workspace'),
      provider('github', 'GitHub'),
      provider('gitlab', 'GitLab'),
      provider('oidc', 'Any OpenID Connect provider'),
    ],
  },
  {
    path: 'identityProvider.bundled', question: 'Which Keycloak?', help: 'Keycloak: bundled in the stack (true), or your own at a URL (false).', kind: 'boolean',
    choices: [
      { value: 'true', label: 'Bundled in the stack (local: a development realm with a demo user; server: production mode with its own database)' },
      { value: 'false', label: 'My own Keycloak' },
    ],
    askedWhen: keycloakOnly,
  },
  { path: 'identityProvider.url', question: 'Base URL (https://…)', help: 'Base URL of your own Keycloak (without /realms/…) or GitLab.', kind: 'text', askedWhen: (d) => ownKeycloak(d) || providerType(d) === 'gitlab' },
  { path: 'identityProvider.tenantId', question: 'Directory (tenant) ID', help: 'Entra ID Directory (tenant) ID, a GUID (your app registration\'s Overview).', kind: 'text', askedWhen: providers('entra') },
  { path: 'identityProvider.domain', question: 'Domain (e.g. example.okta.com)', help: 'Okta or Auth0 domain, e.g. example.okta.com or example.eu.auth0.com.', kind: 'text', askedWhen: providers('okta', 'auth0') },
  { path: 'identityProvider.authorizationServer', question: 'Okta authorization server (org, or an ID such as default)', help: 'Okta authorization server: org, or a custom server\'s ID; sets the issuer.', kind: 'text', askedWhen: providers('okta') },
  { path: 'identityProvider.issuerUrl', question: 'Issuer URL', help: 'OIDC issuer, exactly as the provider\'s discovery document states it.', kind: 'text', askedWhen: providers('oidc') },
  { path: 'identityProvider.realm', flag: '--realm', question: 'Keycloak realm', help: 'Keycloak realm; the issuer ends in /realms/<realm>.', kind: 'text', askedWhen: keycloakOnly },
  { path: 'identityProvider.clientId', question: 'Client ID', help: 'Client (application) ID oauth2-proxy signs in with.', kind: 'text', askedWhen: external },
  { path: 'identityProvider.clientSecret', question: 'Client secret, as env:NAME (export NAME before rendering)', help: 'Client secret the provider issued, as env:NAME; kept only in .env.', kind: 'text', askedWhen: external },
  { path: 'identityProvider.allowedRoles', question: 'Roles allowed to sign in (comma-separated)', help: 'Roles allowed to sign in (Keycloak realm roles, Entra app roles, Auth0).', kind: 'list', askedWhen: providers('keycloak', 'entra', 'auth0') },
  { path: 'identityProvider.allowedGroups', question: 'Groups allowed to sign in (comma-separated)', help: 'Groups allowed to sign in (Okta group names; OIDC groups; Entra group IDs).', kind: 'list', askedWhen: providers('okta', 'oidc') },
  { path: 'identityProvider.emailDomains', question: 'Email domains allowed to sign in (comma-separated)', help: 'Email domains whose people may sign in, e.g. example.com.', kind: 'list', askedWhen: providers('google') },
  { path: 'identityProvider.org', question: 'GitHub organization', help: 'GitHub organization whose members may sign in.', kind: 'text', askedWhen: providers('github') },
  { path: 'identityProvider.groups', question: 'GitLab groups allowed to sign in (comma-separated paths)', help: 'GitLab groups (paths) whose members may sign in.', kind: 'list', askedWhen: providers('gitlab') },
  {
    path: 'proxy.type', flag: '--proxy', question: 'Reverse proxy', help: 'Reverse proxy in front of everything.', kind: 'choice',
    choices: [
      { value: 'nginx', label: 'nginx' },
      { value: 'caddy', label: 'Caddy' },
      { value: 'traefik', label: 'Traefik' },
    ],
  },
  { path: 'machineAccess.users', flag: '--machine-users', valueName: '<names>', question: 'Machine users (comma-separated)', help: 'Machine users for workers and CI; each gets a random password (or env:NAME).', kind: 'list' },
  {
    path: 'database.type', flag: '--db', question: 'Database', help: 'Where Prefect keeps its state.', kind: 'choice',
    choices: [
      { value: 'postgres', label: 'PostgreSQL, bundled in the stack' },
      { value: 'external', label: 'Your own PostgreSQL (TLS verified)' },
      { value: 'azure', label: 'Azure Database for PostgreSQL (Entra or password)' },
      { value: 'aws', label: 'Amazon RDS / Aurora PostgreSQL (IAM or password)' },
      { value: 'sqlite', label: 'SQLite (a throwaway local run only)', refusedWith: (d) => ((getPath(d, 'target') ?? 'local') === 'local' ? undefined : '(local target only)') },
    ],
  },
  {
    path: 'database.version', question: 'PostgreSQL version', help: 'PostgreSQL major version (Prefect needs 14.9 or newer).', kind: 'choice',
    note: 'Prefect needs PostgreSQL 14.9 or newer',
    choices: ['17', '16', '15'].map((value) => ({ value, label: `PostgreSQL ${value}` })),
    askedWhen: (d) => dbType(d) === 'postgres',
  },
  { path: 'database.host', flag: '--db-host', question: 'Database server name', help: 'Name of the database server (a name in its TLS certificate).', kind: 'text', derivedDefault: 'none (required outside the stack)', askedWhen: remoteDb },
  { path: 'database.user', flag: '--db-user', question: 'Database user', help: "Database user Prefect signs in as (Azure: the managed identity's name).", kind: 'text', derivedDefault: 'none (required outside the stack)', askedWhen: remoteDb },
  {
    path: 'database.auth', flag: '--db-auth', question: 'Database sign-in', derivedDefault: 'entra (azure), iam (aws)', help: 'entra (Azure) or iam (AWS): no password anywhere; or a password.', kind: 'choice',
    choices: [
      { value: 'entra', label: 'Entra managed identity (Azure, no password)' },
      { value: 'iam', label: 'IAM (AWS, no password)' },
      { value: 'password', label: 'A password' },
    ],
    askedWhen: (d) => ['azure', 'aws'].includes(dbType(d)),
  },
  { path: 'database.password', flag: '--db-password', valueName: '<env:NAME>', question: 'Database password (env:NAME)', help: "The database user's password, as env:NAME (kept in .env).", kind: 'text', derivedDefault: 'none (required with a password)', askedWhen: (d) => remoteDb(d) && !['entra', 'iam'].includes(String(getPath(d, 'database.auth') ?? (dbType(d) === 'azure' ? 'entra' : dbType(d) === 'aws' ? 'iam' : 'password'))) },
  {
    path: 'database.tls', question: 'Database TLS', help: 'verify: certificate and name checked; unverified: any certificate trusted.', kind: 'choice',
    choices: [
      { value: 'verify', label: 'Verify the certificate (database.ca or public CAs)' },
      { value: 'unverified', label: 'Encrypt, trust any certificate (not recommended)' },
    ],
    askedWhen: (d) => dbType(d) === 'external',
  },
  { path: 'database.ca', flag: '--db-ca', question: 'CA file that signed the database certificate (empty: the public CAs)', help: "The CA (PEM) of the database server's certificate, in the stack folder.", kind: 'text', optional: true, derivedDefault: 'public CAs (aws: database/rds-ca.pem)', askedWhen: (d) => ['external', 'aws'].includes(dbType(d)) },
  { path: 'database.clientId', question: 'Client ID of a user-assigned managed identity (empty: the system-assigned one)', help: 'Client ID of a user-assigned managed identity (empty: system-assigned).', kind: 'text', optional: true, askedWhen: (d) => dbType(d) === 'azure' && (getPath(d, 'database.auth') ?? 'entra') === 'entra' },
  { path: 'database.region', flag: '--db-region', question: 'AWS region of the database', help: 'AWS region of the database (IAM signs its sign-in token there).', kind: 'text', derivedDefault: 'none (required with iam)', askedWhen: (d) => dbType(d) === 'aws' && (getPath(d, 'database.auth') ?? 'iam') === 'iam' },
  { path: 'scale.apiReplicas', flag: '--api-replicas', valueName: '<n>', question: 'Prefect API processes', help: 'Prefect API processes behind the proxy (more than 1 needs Redis).', kind: 'number',
    // Not asked: one process is the default; scaling out is a choice made with flags or the spec.
    askedWhen: () => false },
  {
    path: 'scale.redis.type', flag: '--redis', question: 'Redis for Prefect\'s messaging', help: 'Redis lets Prefect run as API replicas plus one services process.', kind: 'choice',
    choices: [
      { value: 'none', label: 'None (one Prefect process)' },
      { value: 'bundled', label: 'Redis bundled in the stack' },
      { value: 'external', label: 'Your own Redis (TLS)' },
    ],
    askedWhen: () => false,
  },
  { path: 'scale.redis.host', flag: '--redis-host', question: 'Redis server name', help: 'Name of your Redis server (TLS; a name in its certificate).', kind: 'text', derivedDefault: 'none (required with external)', askedWhen: (d) => getPath(d, 'scale.redis.type') === 'external' },
  { path: 'scale.redis.password', question: 'Redis password (env:NAME)', help: 'Password of your Redis user, as env:NAME (kept in .env).', kind: 'text', askedWhen: (d) => getPath(d, 'scale.redis.type') === 'external' },
  { path: 'prefect.version', flag: '--prefect-version', question: 'Prefect version', help: 'Prefect version of the server image (pinned, X.Y.Z).', kind: 'text' },
  {
    path: 'prefect.egress', flag: '--prefect-egress', question: 'Connections out',
    help: 'Whether the Prefect server may connect out (notifications, webhooks).', kind: 'choice',
    choices: [
      { value: 'none', label: 'None (notifications and webhooks fail)' },
      { value: 'internet', label: 'Internet (notifications, webhooks)' },
    ],
    // Not asked: the default is the closed one, and NEXT_STEPS says how to open it.
    askedWhen: () => false,
  },
  { path: 'clients.profiles', flag: '--profiles', valueName: '<names>', question: 'Client profiles to write', help: 'Prefect client profiles to write (machine user names).', kind: 'list', derivedDefault: 'one per machine user with a generated password' },
];

/** A field's value as a person types it: lists separated by commas, machine users by name. */
export function valueText(value: unknown, separator = ','): string {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' && item ? String((item as { name?: unknown }).name) : String(item))).join(separator);
  return String(value);
}

export function fieldAt(path: string): SpecField {
  const field = SPEC_FIELDS.find((f) => f.path === path);
  if (!field) throw new Error(`internal: ${path} is not in SPEC_FIELDS`);
  return field;
}

/**
 * Typed text (a flag's value, a wizard answer) as the field's value. The one
 * parser of both: a port is digits only (`0x1F90` or `8080.0` stays text, and
 * the schema says why); a list is split at commas, items trimmed, empty ones
 * dropped.
 */
export function fieldValue(field: SpecField, text: string): unknown {
  const trimmed = text.trim();
  if (field.kind === 'port' || field.kind === 'number') return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  if (field.kind === 'list') return trimmed.split(',').map((item) => item.trim()).filter(Boolean);
  if (field.kind === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return trimmed;
}

/**
 * A choice field's available values, as the schema's enum declares them: the
 * schema keeps its literal values for the types, and this fails at load time
 * if they ever differ from the registry's.
 */
export function availableChoices<const T extends readonly [string, ...string[]]>(path: string, declared: T): T {
  const available = fieldAt(path).choices!.filter((c) => !c.planned).map((c) => c.value);
  if (available.join(',') !== declared.join(',')) throw new Error(`internal: the schema accepts ${declared.join(', ')} for ${path}, the field registry ${available.join(', ')}`);
  return declared;
}

/** What the schema says when a choice field's value is not one it accepts. */
export function choiceError(path: string, input: unknown): string {
  const field = fieldAt(path);
  const available = field.choices!.filter((c) => !c.planned).map((c) => c.value);
  const planned = field.choices!.filter((c) => c.planned).map((c) => c.value);
  if (planned.includes(String(input))) return `"${String(input)}" is not available yet; available: ${available.join(', ')}`;
  const aside = [planned.length > 0 ? `${listText(planned)} ${planned.length === 1 ? 'is' : 'are'} planned` : '', field.note ?? ''].filter(Boolean).join('; ');
  return `must be one of: ${available.join(', ')}${aside ? ` (${aside})` : ''}`;
}
