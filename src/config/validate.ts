import { UserError } from '../errors.js';
import { problemsFromZod } from './issues.js';
import { specSchema, type Spec } from './schema.js';

/** Validates an in-memory spec object (presets, flags, the wizard) and fills its defaults. */
export function validateSpec(input: unknown, source = 'spec'): Spec {
  const result = specSchema.safeParse(input);
  if (!result.success) throw new UserError(problemsFromZod(result.error, specSchema, input), source);
  return result.data;
}
