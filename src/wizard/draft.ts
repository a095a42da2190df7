/** Reading and filling the draft: the only thing the wizard changes. */
import { getPath, setPath } from '../config/fields.js';
import type { WizardContext } from './context.js';

export function isUnset(draft: WizardContext['draft'], path: string): boolean {
  return getPath(draft, path) === undefined;
}

export function setAnswer(ctx: Pick<WizardContext, 'draft'>, path: string, value: unknown): void {
  ctx.draft = setPath(ctx.draft, path, value);
}

/** Machine user names of the draft; entries are a name or {name, password}. */
export function machineUserNames(draft: WizardContext['draft']): string[] {
  const users = getPath(draft, 'machineAccess.users');
  if (!Array.isArray(users)) return [];
  return users.map((user: unknown) => (typeof user === 'string' ? user : String((user as { name?: unknown })?.name ?? '')));
}

/** Whether the draft gives this machine user a password a person chose (env:NAME). */
export function chosenPassword(draft: WizardContext['draft'], name: string): boolean {
  const users = getPath(draft, 'machineAccess.users');
  return Array.isArray(users) && users.some((user: unknown) => typeof user === 'object' && user !== null && (user as { name?: unknown }).name === name && (user as { password?: unknown }).password !== undefined);
}
