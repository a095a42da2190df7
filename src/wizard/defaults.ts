/** The schema's own defaults, offered as each question's default: one source, no copies. */
import { getPath } from '../config/fields.js';
import { SPEC_VERSION, specSchema, type Spec } from '../config/schema.js';

let defaults: Spec | undefined;

export function schemaDefault(path: string): unknown {
  defaults ??= specSchema.parse({ version: SPEC_VERSION });
  return getPath(defaults, path);
}

/** The default as the text an input shows: lists comma-separated. */
export function defaultText(path: string): string {
  const value = schemaDefault(path);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' && item ? (item as { name: string }).name : String(item))).join(', ');
  return String(value);
}
