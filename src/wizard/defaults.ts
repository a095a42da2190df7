/** The schema's own defaults, offered as each question's default: one source, no copies. */
import { getPath, valueText } from '../config/fields.js';
import { SPEC_VERSION, specSchema, type Spec } from '../config/schema.js';

let defaults: Spec | undefined;

export function schemaDefault(path: string): unknown {
  defaults ??= specSchema.parse({ version: SPEC_VERSION });
  return getPath(defaults, path);
}

/** The default as the text an input shows: lists comma-separated. */
export function defaultText(path: string): string {
  return valueText(schemaDefault(path), ', ');
}
