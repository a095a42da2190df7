/** All wording of the wizard. Every line fits an 80-column terminal. */
import { fieldAt } from '../config/fields.js';
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

/** The questions, by short name: the field registry's (src/config/fields.ts), and the wizard's own. */
export const questions = {
  target: fieldAt('target').question,
  name: fieldAt('name').question,
  uiHost: fieldAt('hosts.ui').question,
  machineHost: fieldAt('hosts.machine').question,
  idpHost: fieldAt('hosts.idp').question,
  port: fieldAt('hosts.port').question,
  acmeEmail: fieldAt('tls.acme.email').question,
  tlsCa: fieldAt('tls.ca').question,
  identityProvider: fieldAt('identityProvider.type').question,
  bundled: fieldAt('identityProvider.bundled').question,
  idpUrl: fieldAt('identityProvider.url').question,
  tenantId: fieldAt('identityProvider.tenantId').question,
  domain: fieldAt('identityProvider.domain').question,
  authorizationServer: fieldAt('identityProvider.authorizationServer').question,
  issuerUrl: fieldAt('identityProvider.issuerUrl').question,
  realm: fieldAt('identityProvider.realm').question,
  clientId: fieldAt('identityProvider.clientId').question,
  clientSecret: fieldAt('identityProvider.clientSecret').question,
  allowedRoles: fieldAt('identityProvider.allowedRoles').question,
  allowedGroups: fieldAt('identityProvider.allowedGroups').question,
  emailDomains: fieldAt('identityProvider.emailDomains').question,
  org: fieldAt('identityProvider.org').question,
  gitlabGroups: fieldAt('identityProvider.groups').question,
  proxy: fieldAt('proxy.type').question,
  machineUsers: fieldAt('machineAccess.users').question,
  chosenPasswords: 'Give any of them a password you chose instead?',
  passwordRef: (user: string) => `Password of "${user}" as env:NAME (empty: random)`,
  database: fieldAt('database.type').question,
  databaseVersion: fieldAt('database.version').question,
  prefectVersion: fieldAt('prefect.version').question,
  profiles: fieldAt('clients.profiles').question,
  confirm: 'Write these files?',
} as const;

/** Help for the wizard's own questions (machine passwords), beyond the fields' help. */
export const extraHelp = {
  machinePasswords: 'The passwords are 256-bit random, generated into .env and never printed.',
  chosenPasswords: [
    'Recommended: no. A chosen password is read from an environment variable',
    'when the stack is rendered; prefect-secure never asks for it or stores it.',
  ],
  passwordRef: 'Name the variable that holds it, e.g. env:CI_PASSWORD; empty: random.',
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
