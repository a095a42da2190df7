import { toYaml } from '../util/yamlEmit.js';
import * as z from 'zod/mini';
import { SCHEMA_FILE } from '../components/core/files.js';
import { specSchema } from '../config/schema.js';

export const SCHEMA_COMMENT = `# yaml-language-server: $schema=./${SCHEMA_FILE}`;

declare global {
  // Set by the build (scripts/build.mjs); absent when running from source.
  // eslint-disable-next-line no-var
  var __SPEC_JSON_SCHEMA__: string | undefined;
}

/**
 * The spec's JSON Schema (input form: defaults are optional), for editors and
 * `prefect-secure schema`. The build computes it once and the shipped CLI
 * carries it as text, without zod's JSON Schema generator; from source it is
 * computed here.
 */
export function specJsonSchema(): string {
  return globalThis.__SPEC_JSON_SCHEMA__ ?? computeSpecJsonSchema();
}

export function computeSpecJsonSchema(): string {
  const schema = z.toJSONSchema(specSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'prefect-secure spec', $id: 'prefect-secure.schema.json' }, null, 2)}\n`;
}

/**
 * The spec file written into the stack: the canonical form of the spec, or
 * the user's own text when the stack is re-rendered from its own spec file
 * (it is the source then, and is never rewritten).
 */
export function specDocument(source: { text: string } | { input: object }): string {
  const text =
    'text' in source
      ? source.text
      : `# prefect-secure spec: the single source of truth for this stack. Edit it, then\n# re-render with: npx prefect-secure render\n${toYaml(source.input as Parameters<typeof toYaml>[0])}`;
  const body = text.replace(/^# yaml-language-server:.*\n/m, '');
  return `${SCHEMA_COMMENT}\n${body.endsWith('\n') ? body : `${body}\n`}`;
}
