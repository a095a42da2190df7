import { stringify } from 'yaml';
import * as z from 'zod';
import { SCHEMA_FILE } from '../plan/files.js';
import { specSchema } from '../spec/schema.js';

export const SCHEMA_COMMENT = `# yaml-language-server: $schema=./${SCHEMA_FILE}`;

/** The spec's JSON Schema (input form: defaults are optional), for editors and `prefect-secure schema`. */
export function specJsonSchema(): string {
  const schema = z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'prefect-secure spec', $id: 'prefect-secure.schema.json' }, null, 2)}\n`;
}

/** The spec file written into the stack: the user's own text when there is one, else the preset. */
export function specDocument(source: { text: string } | { input: object }): string {
  const text =
    'text' in source
      ? source.text
      : `# prefect-secure spec: the single source of truth for this stack.\n# Reference: https://www.npmjs.com/package/prefect-secure#spec-reference\n${stringify(source.input)}`;
  const body = text.replace(/^# yaml-language-server:.*\n/m, '');
  return `${SCHEMA_COMMENT}\n${body.endsWith('\n') ? body : `${body}\n`}`;
}
