import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const DRAFT_07 = require('ajv/dist/refs/json-schema-draft-07.json') as object;

/**
 * Compiles a schema copied from ../shared/schemas into test/schemas. Some of
 * them name draft-07 by its https URL, which ajv does not know by that name.
 */
export function compileSchema(name: string): { validate: ValidateFunction; errors: () => string } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(DRAFT_07, 'https://json-schema.org/draft-07/schema');
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'schemas', name), 'utf8'));
  const validate = ajv.compile(schema);
  return { validate, errors: () => ajv.errorsText(validate.errors) };
}
