import { describe, expect, it } from 'vitest';
import { UserError, type Problem } from '../../src/errors.js';
import { parseSpec } from '../../src/config/load.js';

function problems(text: string): Pick<Problem, 'path' | 'message' | 'fix' | 'line'>[] {
  try {
    parseSpec(text, 'spec.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).problems;
  }
  throw new Error('expected the spec to be rejected');
}

const HOSTNAME_URL = 'must be a bare hostname, not a URL: drop the scheme, port and path (the port goes in hosts.port)';
const NAME_RULE = "must start with a lowercase letter and hold only lowercase letters, digits, '-' and '_' (at most 63), e.g.";

/** [title, spec text, expected problems as path -> message] */
const cases: [string, string, Record<string, string>][] = [
  ['missing version', 'name: prefect\n', { version: 'is required and must be 1: write "version: 1" at the top' }],
  ['wrong version', 'version: 2\n', { version: 'must be 1: write "version: 1" at the top' }],
  ['version as string', 'version: "1"\n', { version: 'must be 1: write "version: 1" at the top' }],
  ['name with capitals', 'version: 1\nname: Prefect\n', { name: `${NAME_RULE} prefect` }],
  ['name as number', 'version: 1\nname: 42\n', { name: 'must be a name (text), e.g. prefect' }],
  ['unavailable target', 'version: 1\ntarget: kubernetes\n', { target: '"kubernetes" is not available yet; available: local, server' }],
  ['unknown target', 'version: 1\ntarget: cloud\n', { target: 'must be one of: local, server (kubernetes is planned)' }],
  ['a server named under localtest.me, on port 80', 'version: 1\ntarget: server\nhosts:\n  port: 80\n', {
    'hosts.ui': 'is required and must be a name of your domain that resolves to the server for browsers and machines ("prefect.localtest.me" names this machine wherever it is resolved), e.g. prefect.example.com',
    'hosts.machine': 'is required and must be a name of your domain that resolves to the server for browsers and machines ("prefect-api.localtest.me" names this machine wherever it is resolved), e.g. prefect-api.example.com',
    'hosts.port': 'must not be 80 on a server: the stack serves https on this port and redirects http on port 80 to it',
    'hosts.idp': 'is required and must be a name of your domain that resolves to the server for browsers and machines ("keycloak.localtest.me" names this machine wherever it is resolved), e.g. keycloak.example.com',
  }],
  ['tls on the local target, and a key path that leaves the stack folder', 'version: 1\ntls:\n  key: ../secrets/key.pem\n', {
    tls: 'is for target: server only: the local stack serves plain http on this computer. Remove it, or set target: server',
    'tls.key': 'must be a relative path inside the stack folder (letters, digits, . _ - /; no ..), e.g. tls/privkey.pem',
  }],
  ['ACME with certificate files too, a bad email and an http directory', 'version: 1\ntarget: server\nhosts: {ui: p.example.com, machine: a.example.com, idp: k.example.com}\ntls:\n  certificate: tls/c.pem\n  acme:\n    email: ops\n    directory: http://acme.example.com/dir\n', {
    'tls.certificate': 'means nothing with tls.acme, which obtains the certificates itself. Remove one of them: tls.acme (ACME) or tls.certificate and tls.key (your files)',
    'tls.acme.email': 'must be an email address the CA may write to about expiring certificates, e.g. ops@example.com',
    'tls.acme.directory': 'must be the https URL of an ACME directory, e.g. https://acme-v02.api.letsencrypt.org/directory (an internal ACME CA: set tls.ca too)',
  }],
  ["Prefect's auth string with two machine users", 'version: 1\nmachineAccess:\n  serverAuthString: true\n', {
    'machineAccess.users': "is required and must name exactly one machine user with machineAccess.serverAuthString: Prefect then accepts only its auth string, a machine user's name and password, and WebSockets send it inside the socket, where no proxy can swap one user's for another's. Keep one, e.g. [machines]",
  }],
  ["Prefect's auth string with access tokens", 'version: 1\nmachineAccess:\n  serverAuthString: true\n  users: [machines]\n  tokens: {}\n', {
    'machineAccess.serverAuthString': "cannot be used with machineAccess.tokens: Prefect then accepts only its auth string, a machine user's name and password, so it refuses every access token (and WebSockets send the token inside the socket, where no proxy can swap it). Remove one of them",
  }],
  ["Prefect's auth string with no credential", 'version: 1\nmachineAccess:\n  type: none\n  serverAuthString: true\n', {
    'machineAccess.serverAuthString': "cannot be used with machineAccess.type: none: Prefect then accepts only its auth string, a machine user's name and password, and none has no credential. Remove one of them",
  }],
  ["Prefect's auth string with a chosen password", 'version: 1\nmachineAccess:\n  serverAuthString: true\n  users: [{name: machines, password: env:MACHINES_PASSWORD}]\n', {
    'machineAccess.users[0].password': "cannot be chosen with machineAccess.serverAuthString: Prefect then accepts only its auth string, a machine user's name and password, read from .env, where only a generated password is kept. Remove it for a generated one",
  }],
  ['GitHub Actions with a wildcard subject, a pull request, on the local target', 'version: 1\nmachineAccess:\n  githubActions:\n    subjects: ["repo:acme/*:ref:refs/heads/main", "repo:acme/flows:pull_request"]\n', {
    'machineAccess.githubActions': 'needs target: server: a GitHub-hosted runner reaches only a machine host on the internet, over https',
    'machineAccess.githubActions.subjects[0]': 'must be one exact GitHub Actions subject (no wildcards): repo:OWNER/REPO:ref:refs/heads/BRANCH, repo:OWNER/REPO:ref:refs/tags/TAG or repo:OWNER/REPO:environment:NAME',
    'machineAccess.githubActions.subjects[1]': 'must be one exact GitHub Actions subject (no wildcards): repo:OWNER/REPO:ref:refs/heads/BRANCH, repo:OWNER/REPO:ref:refs/tags/TAG or repo:OWNER/REPO:environment:NAME',
  }],
  ['GitHub Actions with no subject, with access tokens', 'version: 1\ntarget: server\nhosts: {ui: p.example.com, machine: a.example.com, idp: k.example.com}\nmachineAccess:\n  tokens: {}\n  githubActions:\n    subjects: []\n', {
    'machineAccess.githubActions': 'cannot be used with machineAccess.tokens yet: the machine host asks one token check per request. Keep one of them',
    'machineAccess.githubActions.subjects': 'must name at least one subject: any repository on GitHub can get a token, so only the ones listed get in',
  }],
  ['GitHub Actions beside access tokens', 'version: 1\ntarget: server\nhosts: {ui: p.example.com, machine: a.example.com, idp: k.example.com}\nmachineAccess:\n  tokens: {}\n  githubActions:\n    subjects: [repo:acme/flows:environment:production]\n', {
    'machineAccess.githubActions': 'cannot be used with machineAccess.tokens yet: the machine host asks one token check per request. Keep one of them',
  }],
  ['GitHub Actions on the local target', 'version: 1\nmachineAccess:\n  githubActions:\n    subjects: [repo:acme/flows:ref:refs/tags/v1]\n', {
    'machineAccess.githubActions': 'needs target: server: a GitHub-hosted runner reaches only a machine host on the internet, over https',
  }],
  ['hostname given as URL', 'version: 1\nhosts:\n  ui: https://prefect.localtest.me\n', { 'hosts.ui': HOSTNAME_URL }],
  ['hostname with a path', 'version: 1\nhosts:\n  ui: prefect.localtest.me/ui\n', { 'hosts.ui': 'must be a bare hostname without a path' }],
  ['hostname with a port', 'version: 1\nhosts:\n  machine: prefect-api.localtest.me:8080\n', { 'hosts.machine': 'must not carry a port: write the bare hostname and set hosts.port' }],
  ['invalid hostname characters', 'version: 1\nhosts:\n  idp: key_cloak.localtest.me\n', { 'hosts.idp': 'is not a valid hostname: use letters, digits, hyphens and dots, e.g. prefect.example.com' }],
  ['hostname as number', 'version: 1\nhosts:\n  ui: 12\n', { 'hosts.ui': 'must be a hostname (text), e.g. prefect.example.com' }],
  ['local host outside localtest.me', 'version: 1\nhosts:\n  ui: prefect.example.com\n', {
    'hosts.ui': '"prefect.example.com" does not resolve to this machine: the local target needs a name under localtest.me (it resolves to 127.0.0.1 for the browser, and the stack gives the proxy the same name inside Docker), e.g. prefect.localtest.me',
  }],
  ['port out of range', 'version: 1\nhosts:\n  port: 70000\n', { 'hosts.port': 'must be between 1 and 65535' }],
  ['port zero', 'version: 1\nhosts:\n  port: 0\n', { 'hosts.port': 'must be between 1 and 65535' }],
  ['port fractional', 'version: 1\nhosts:\n  port: 80.5\n', { 'hosts.port': 'must be a whole number between 1 and 65535' }],
  ['port as text', 'version: 1\nhosts:\n  port: eighty\n', { 'hosts.port': 'must be a port number (1-65535), e.g. 8080' }],
  ['bind not an IPv4 address', 'version: 1\nhosts:\n  bind: localhost\n', { 'hosts.bind': 'must be an IPv4 address, e.g. 127.0.0.1 (only this laptop) or 0.0.0.0 (every interface)' }],
  ['same UI and machine host', 'version: 1\nhosts:\n  ui: a.localtest.me\n  machine: a.localtest.me\n', {
    'hosts.machine': 'must differ from hosts.ui ("a.localtest.me"): the UI host uses SSO and the machine host uses machine credentials',
  }],
  ['IdP host shared', 'version: 1\nhosts:\n  idp: prefect.localtest.me\n', {
    'hosts.idp': 'must differ from hosts.ui and hosts.machine ("prefect.localtest.me"): the identity provider needs a host of its own',
  }],
  ['okta without its values', 'version: 1\nidentityProvider:\n  type: okta\n', {
    'identityProvider.domain': 'is required and must be a hostname (text), e.g. prefect.example.com',
    'identityProvider.clientId': 'is required and must be the client ID (text) (Applications → your app → General → Client Credentials)',
    'identityProvider.clientSecret': 'is required and must be a reference to an environment variable, env:NAME',
    'identityProvider.allowedGroups': 'is required and must be a list of Okta group names, e.g. [Prefect Users]',
  }],
  ['your own keycloak without its address and secret', 'version: 1\nidentityProvider:\n  type: keycloak\n  bundled: false\n', {
    'identityProvider.url': 'is required with bundled: false: the public base URL of your Keycloak, e.g. https://sso.example.com (the issuer is <url>/realms/<realm>)',
    'identityProvider.clientSecret': "is required with bundled: false: the client's secret from Clients → <client> → Credentials, as env:NAME",
  }],
  ['the bundled keycloak takes no url', 'version: 1\nidentityProvider:\n  type: keycloak\n  url: https://sso.example.com\n', {
    'identityProvider.url': 'is only for your own Keycloak: set bundled: false, or remove it (the bundled Keycloak gets a generated secret)',
  }],
  ['entra on the local target', 'version: 1\nidentityProvider:\n  type: entra\n  tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47\n  clientId: 11111111-2222-3333-4444-555555555555\n  clientSecret: env:ENTRA_SECRET\n  allowedRoles: [Prefect.Access]\n', {
    'identityProvider.type': '"entra" cannot be used with target: local: Microsoft Entra ID accepts a redirect URI only with https (plain http only for localhost), and the local stack signs people in at a plain-http *.localtest.me address. Use a provider that accepts it (keycloak, okta, auth0, github, gitlab, oidc) for a local stack; entra needs a stack served over https',
  }],
  ['entra: a multi-tenant alias, and nobody named who may sign in', 'version: 1\ntarget: local\nidentityProvider:\n  type: entra\n  tenantId: common\n  clientId: 11111111-2222-3333-4444-555555555555\n  clientSecret: env:ENTRA_SECRET\n', {
    'identityProvider.tenantId': 'must be your Directory (tenant) ID, not a multi-tenant alias: common, organizations and consumers let accounts of every tenant in (App registrations → your app → Overview → Directory (tenant) ID)',
    'identityProvider.allowedRoles': 'is required (or allowedGroups): without one, every account of the tenant gets in. Prefer app roles (App registrations → App roles, then Enterprise applications → Users and groups)',
    'identityProvider.type': '"entra" cannot be used with target: local: Microsoft Entra ID accepts a redirect URI only with https (plain http only for localhost), and the local stack signs people in at a plain-http *.localtest.me address. Use a provider that accepts it (keycloak, okta, auth0, github, gitlab, oidc) for a local stack; entra needs a stack served over https',
  }],
  ['github without an organization', 'version: 1\nidentityProvider:\n  type: github\n  clientId: Iv1.abc\n  clientSecret: env:GH_SECRET\n', {
    'identityProvider.org': "is required and must be your GitHub organization's name",
  }],
  ['google with any domain', 'version: 1\nidentityProvider:\n  type: google\n  clientId: 123-abc.apps.googleusercontent.com\n  clientSecret: env:G_SECRET\n  emailDomains: ["*"]\n', {
    'identityProvider.emailDomains[0]': 'must name your domains, not *: with * any Google account can sign in',
    'identityProvider.type': '"google" cannot be used with target: local: Google accepts a redirect URI only with https (plain http only for localhost), and the local stack signs people in at a plain-http *.localtest.me address. Use a provider that accepts it (keycloak, okta, auth0, github, gitlab, oidc) for a local stack; google needs a stack served over https',
  }],
  ['oidc: the discovery document as issuer, and nobody named', 'version: 1\nidentityProvider:\n  type: oidc\n  issuerUrl: https://sso.example.com/.well-known/openid-configuration\n  clientId: prefect\n  clientSecret: env:OIDC_SECRET\n', {
    'identityProvider.issuerUrl': 'must be the issuer, not its discovery document: drop /.well-known/openid-configuration',
    'identityProvider.allowedGroups': 'is required (or emailDomains): without one, every account of the provider gets in',
  }],
  ['auth0 with a plain roles claim is allowed only namespaced', 'version: 1\nidentityProvider:\n  type: auth0\n  domain: example.eu.auth0.com\n  clientId: abc\n  clientSecret: env:A_SECRET\n  rolesClaim: "roles with space"\n  allowedRoles: []\n', {
    'identityProvider.rolesClaim': 'must be a claim name (letters, digits, _ . : -) or a namespaced https:// URL, e.g. https://prefect.example.com/roles',
    'identityProvider.allowedRoles': 'must name at least one role: without one, every account of the tenant (including sign-ups) gets in',
  }],
  ['a provider on "this machine", which inside the oauth2-proxy container is the container', 'version: 1\nidentityProvider:\n  type: keycloak\n  bundled: false\n  url: http://localhost:8180\n  clientSecret: env:KC_SECRET\n', {
    'identityProvider.url': 'names this machine (localhost, 127.x, *.localtest.me): inside the oauth2-proxy container that is the container itself, so sign-in cannot reach the provider. Use a name the containers and the browser both resolve to it',
  }],
  ['an issuer under localtest.me', 'version: 1\nidentityProvider:\n  type: oidc\n  issuerUrl: http://sso.localtest.me:8080/realms/x\n  clientId: prefect\n  clientSecret: env:X_SECRET\n  emailDomains: [example.com]\n', {
    'identityProvider.issuerUrl': 'names this machine (localhost, 127.x, *.localtest.me): inside the oauth2-proxy container that is the container itself, so sign-in cannot reach the provider. Use a name the containers and the browser both resolve to it',
  }],
  ['an Okta domain that is an address of this machine', 'version: 1\nidentityProvider:\n  type: okta\n  domain: 127.0.0.1\n  clientId: 0oa1\n  clientSecret: env:X_SECRET\n  allowedGroups: [a]\n', {
    'identityProvider.domain': 'names this machine (localhost, 127.x, *.localtest.me): inside the oauth2-proxy container that is the container itself, so sign-in cannot reach the provider. Use a name the containers and the browser both resolve to it',
  }],
  ['a provider named without its domain, which only containers could resolve (to a service)', 'version: 1\nidentityProvider:\n  type: oidc\n  issuerUrl: https://sso/realms/x\n  clientId: prefect\n  clientSecret: env:X_SECRET\n  emailDomains: [example.com]\n', {
    'identityProvider.issuerUrl': 'must name the provider by its full domain name (a name without a dot is a Docker service\'s to containers and nobody\'s to the browser), e.g. example.okta.com',
  }],
  ['no allowed roles', 'version: 1\nidentityProvider:\n  type: keycloak\n  allowedRoles: []\n', {
    'identityProvider.allowedRoles': 'must name at least one realm role: without one, every account of the realm gets in',
  }],
  ['realm with spaces', 'version: 1\nidentityProvider:\n  type: keycloak\n  realm: my realm\n', { 'identityProvider.realm': `${NAME_RULE} prefect` }],
  ['unknown proxy', 'version: 1\nproxy:\n  type: apache\n', { 'proxy.type': 'must be one of: nginx, caddy, traefik' }],
  ['no machine users', 'version: 1\nmachineAccess:\n  users: []\nclients:\n  profiles: []\n', { 'machineAccess.users': 'must name at least one machine user, e.g. [ci, worker]' }],
  ['duplicate machine user', 'version: 1\nmachineAccess:\n  users: [ci, ci]\nclients:\n  profiles: [ci]\n', { 'machineAccess.users': 'must not name a user twice' }],
  ['users differing only in - and _', 'version: 1\nmachineAccess:\n  users: [ci-a, ci_a]\nclients:\n  profiles: [ci-a]\n', { 'machineAccess.users': 'must not hold names that differ only in "-" versus "_"' }],
  ['inline machine password', 'version: 1\nmachineAccess:\n  users:\n    - name: ops\n      password: hunter2\nclients:\n  profiles: [ops]\n', {
    'machineAccess.users[0].password': 'must be env:NAME (an upper-case environment variable): secrets never live in the spec',
  }],
  ['profile for an unknown user', 'version: 1\nclients:\n  profiles: [ops]\n', {
    'clients.profiles[0]': 'names "ops", which is not in machineAccess.users (ci, worker): add it there or remove the profile (omit clients.profiles to write one per machine user with a generated password)',
  }],
  ['unsupported postgres', 'version: 1\ndatabase:\n  version: "13"\n', { 'database.version': 'must be one of: 17, 16, 15 (Prefect needs PostgreSQL 14.9 or newer)' }],
  ['postgres version as number', 'version: 1\ndatabase:\n  version: 17\n', { 'database.version': 'must be one of: 17, 16, 15 (Prefect needs PostgreSQL 14.9 or newer)' }],
  ['floating prefect version', 'version: 1\nprefect:\n  version: "3"\n', { 'prefect.version': 'must be an exact Prefect 3 version X.Y.Z (images are pinned), e.g. "3.8.3"' }],
  ['prefect older than the client profiles need', 'version: 1\nprefect:\n  version: "3.4.7"\n', {
    'prefect.version': 'must be 3.4.8 or newer: the client profiles authenticate WebSocket handshakes (events, logs, cancellation) with PREFECT_CLIENT_CUSTOM_HEADERS, which Prefect 3.4.8 added',
  }],
  ['prefect 2', 'version: 1\nprefect:\n  version: "2.20.0"\n', { 'prefect.version': 'must be a Prefect 3 version (3.X.Y)' }],
  ['image with a tag', 'version: 1\nprefect:\n  image: prefecthq/prefect:latest\n', { 'prefect.image': 'must be an image name without a tag, e.g. prefecthq/prefect' }],
  ['machine user of the wrong shape', 'version: 1\nmachineAccess:\n  users: [[ci]]\n', { 'machineAccess.users[0]': 'must be a user name such as ci, or {name: ci, password: env:NAME}' }],
  ['unknown provider type', 'version: 1\nidentityProvider:\n  type: okay\n', { 'identityProvider.type': 'must be one of: keycloak, entra, okta, auth0, google, github, gitlab, oidc' }],
  ['a bad field and a cross-field rule, in one run', 'version: 1\nhosts:\n  ui: a.localtest.me\n  machine: a.localtest.me\nproxy:\n  type: apache\nclients:\n  profiles: [ops]\n', {
    'hosts.machine': 'must differ from hosts.ui ("a.localtest.me"): the UI host uses SSO and the machine host uses machine credentials',
    'proxy.type': 'must be one of: nginx, caddy, traefik',
    'clients.profiles[0]': 'names "ops", which is not in machineAccess.users (ci, worker): add it there or remove the profile (omit clients.profiles to write one per machine user with a generated password)',
  }],
  ['python as number', 'version: 1\nprefect:\n  python: 3.12\n', { 'prefect.python': 'must be a Python version in quotes, e.g. "3.12"' }],
  ['section of the wrong type', 'version: 1\nhosts: prefect.localtest.me\n', { hosts: 'must be a mapping (key: value lines), not the text "prefect.localtest.me"' }],
];

describe('invalid specs', () => {
  it.each(cases)('%s', (_title, text, expected) => {
    const found = problems(text);
    expect(Object.fromEntries(found.map((p) => [p.path, p.message]))).toEqual(expected);
    for (const problem of found) expect(problem.line, `line of ${problem.path}`).toBeGreaterThan(0);
  });

  it('suggests the key a typo meant, at its line', () => {
    expect(problems('version: 1\nhosts:\n  machne: a.localtest.me\n')).toEqual([
      { path: 'hosts.machne', message: 'is not a known key of hosts', fix: 'did you mean "machine"?', line: 3 },
    ]);
    expect(problems('version: 1\nidentityprovider:\n  type: keycloak\n')).toEqual([
      { path: 'identityprovider', message: 'is not a known key', fix: 'did you mean "identityProvider"?', line: 2 },
    ]);
  });

  it('lists the known keys when nothing is close', () => {
    const [problem] = problems('version: 1\nproxy:\n  type: nginx\n  zzzzzz: 1\n');
    expect(problem).toMatchObject({ path: 'proxy.zzzzzz', fix: 'known keys: type', line: 4 });
  });

  it('reports every problem at once, in file order', () => {
    const found = problems('version: 1\nname: Bad\nhosts:\n  uii: x\n  port: 0\nproxy:\n  type: apache\n');
    expect(found.map((p) => [p.path, p.line])).toEqual([['name', 2], ['hosts.uii', 4], ['hosts.port', 5], ['proxy.type', 7]]);
  });

  it('reports YAML syntax errors with their line', () => {
    const found = problems('version: 1\nhosts:\n  ui: "unclosed\n');
    expect(found[0]!.message).toMatch(/^is not valid YAML: /);
    expect(found[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('reports duplicate keys', () => {
    const found = problems('version: 1\nversion: 1\n');
    expect(found[0]!.message).toMatch(/^is not valid YAML: Map keys must be unique/);
    expect(found[0]!.line).toBe(2);
  });

  it.each([
    ['an empty file', '', 'is empty'],
    ['a list', '- version: 1\n', 'must be a YAML mapping of keys to values'],
    ['a scalar', 'hello\n', 'must be a YAML mapping of keys to values'],
  ])('rejects %s', (_title, text, message) => {
    expect(problems(text)).toEqual([
      { path: '', message, fix: 'start from `prefect-secure init --preset local` or write at least "version: 1"' },
    ]);
  });
});
