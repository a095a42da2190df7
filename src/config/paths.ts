/** Reading and writing a dotted path (`hosts.port`) in a spec draft. */
import { UserError } from '../errors.js';

/** A spec path is at most this deep; the spec itself nests three levels. */
const MAX_PARTS = 8;
const PART = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Names that reach the object machinery instead of a key of the spec. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Why `path` cannot name a place in a spec, or undefined when it can. */
export function badPath(path: string): string | undefined {
  const parts = path.split('.');
  if (parts.length > MAX_PARTS) return `has ${parts.length} parts; spec paths have at most ${MAX_PARTS}`;
  const bad = parts.find((part) => !PART.test(part) || RESERVED.has(part));
  return bad === undefined ? undefined : `has the part ${JSON.stringify(bad.slice(0, 40))}, which is not a spec key (letters, digits, - and _)`;
}

export function getPath(root: unknown, path: string): unknown {
  let current = root;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Returns a copy of `root` with `value` at `path`, creating sections on the
 * way. A value already on the way that is not a section is an error, never
 * silently replaced (`--set hosts=x` then `hosts.port`).
 */
export function setPath<T extends object>(root: T, path: string, value: unknown, source = '--set'): T {
  const problem = badPath(path);
  if (problem) throw new UserError([{ path: path.length > 80 ? `${path.slice(0, 80)}…` : path, message: problem, fix: 'name a field of the spec, e.g. hosts.port (prefect-secure schema lists them)' }], source);
  const parts = path.split('.');
  const copy: Record<string, unknown> = structuredClone(root) as Record<string, unknown>;
  let current = copy;
  for (const [index, part] of parts.slice(0, -1).entries()) {
    const next = Object.hasOwn(current, part) ? current[part] : undefined;
    if (next === undefined) current[part] = {};
    else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      const at = parts.slice(0, index + 1).join('.');
      throw new UserError([{ path: at, message: `is ${JSON.stringify(next).slice(0, 60)}, not a section, so ${path} cannot be set in it`, fix: `give ${at} its fields one by one, e.g. --set ${at}.${parts[index + 1]}=...` }], source);
    }
    current = current[part] as Record<string, unknown>;
  }
  current[parts.at(-1)!] = value;
  return copy as T;
}
