/** Reading and writing a dotted path (`hosts.port`) in a spec draft. */
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
