/** All wording of the wizard. Every line fits an 80-column terminal. */
import { paint, type Io } from '../io.js';

/** Shown next to choices that are planned but cannot be picked yet. */
export const NOT_YET_AVAILABLE = '(not yet available)';

export function introText(io: Pick<Io, 'color'>): string {
  const c = paint(io);
  return [
    `${c.bold('prefect-secure')} ${c.dim('· a secure self-hosted Prefect 3 stack')}`,
    'Enter keeps the default (in parentheses): it is the secure choice.',
    'Nothing is written before you confirm; Ctrl-C stops at any point.',
    '',
  ].join('\n');
}

/** The one-line explanation printed above a question. */
export function helpLine(io: Pick<Io, 'color'>, text: string): string {
  return `  ${paint(io).dim(text)}\n`;
}

export const questions = {
  target: 'Where will the stack run?',
  name: 'Project name',
  uiHost: 'UI hostname (people, SSO)',
  machineHost: 'API hostname (workers, CI)',
  idpHost: 'Identity provider hostname',
  port: 'Port',
  identityProvider: 'Identity provider',
  realm: 'Keycloak realm',
  allowedRoles: 'Realm roles allowed to sign in',
  proxy: 'Reverse proxy',
  machineUsers: 'Machine users (comma-separated)',
  chosenPasswords: 'Give any of them a password you chose instead?',
  passwordRef: (user: string) => `Password of "${user}" as env:NAME (empty: random)`,
  database: 'Database',
  databaseVersion: 'PostgreSQL version',
  prefectVersion: 'Prefect version',
  profiles: 'Client profiles to write',
  confirm: 'Write these files?',
} as const;

export const choices = {
  target: {
    local: 'This computer (Docker, *.localtest.me)',
    server: 'A server or VM with a domain',
    kubernetes: 'Kubernetes',
  },
  identityProvider: {
    keycloak: 'Keycloak, bundled in the stack',
    entra: 'Microsoft Entra ID',
    okta: 'Okta',
    auth0: 'Auth0',
    google: 'Google',
    github: 'GitHub',
    oidc: 'Any OpenID Connect provider',
  },
  proxy: { nginx: 'nginx', traefik: 'Traefik', caddy: 'Caddy' },
  database: { postgres: 'PostgreSQL, bundled in the stack' },
  databaseVersion: (version: string) => `PostgreSQL ${version}`,
} as const;

/** Help for questions that are not fields of their own in SPEC_FIELDS. */
export const extraHelp = {
  machinePasswords: 'The passwords are 256-bit random, generated into .env and never printed.',
  chosenPasswords: [
    'Recommended: no. A chosen password is read from an environment variable',
    'when the stack is rendered; prefect-secure never asks for it or stores it.',
  ],
  passwordRef: 'Name the variable that holds it, e.g. env:CI_PASSWORD; empty: random.',
  databaseVersion: 'PostgreSQL major version (Prefect needs 14.9 or newer).',
} as const;

/** Inline validation messages the wizard adds to the schema's own. */
export const problems = {
  /** A list answer with one bad item: names the item, then the schema's message. */
  listItem: (item: string, message: string) => `"${item}" ${message}`,
  /** The answer is fine on its own but breaks a field set before (by a flag). */
  clashesWith: (path: string, message: string) => `clashes with ${path} (already set), which ${message}`,
  envNotSet: (name: string) =>
    `the environment variable ${name} is not set in this shell: export it first, or leave this empty for a random password`,
} as const;
