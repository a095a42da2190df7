import { problemsFromZod } from './issues.js';
import { setPath } from './fields.js';
import { specSchema, type SpecInput } from './schema.js';
import { withImpliedTypes } from './validate.js';

/**
 * Validates one answer with the same zod rules as the spec file, in the
 * context of the answers so far (cross-field rules included). Returns the
 * message for that field, or true when the answer is acceptable.
 */
export function validateField(draft: Partial<SpecInput>, path: string, value: unknown): true | string {
  const candidate = withImpliedTypes(setPath({ version: 1, ...draft }, path, value));
  const result = specSchema.safeParse(candidate);
  if (result.success) return true;
  const problem = problemsFromZod(result.error, specSchema, candidate).find(
    (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
  );
  if (!problem) return true;
  return problem.fix ? `${problem.message} (${problem.fix})` : problem.message;
}
