import { UserError, type Problem } from '../errors.js';
import { formatPath, problemsFromZod } from './issues.js';
import { crossFieldIssues, specSchema, validParts, type Spec } from './schema.js';

/**
 * What the person left out and the schema can tell: a kind-of mapping written
 * without its `type` (`identityProvider: {realm: team}`) is the default kind,
 * as an omitted mapping would be.
 */
const IMPLIED_TYPES = { identityProvider: 'keycloak', database: 'postgres' } as const;

export function withImpliedTypes(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const record = { ...(input as Record<string, unknown>) };
  for (const [key, type] of Object.entries(IMPLIED_TYPES)) {
    const part = record[key];
    if (part === null || typeof part !== 'object' || Array.isArray(part) || 'type' in part) continue;
    record[key] = { type, ...part };
  }
  return record;
}

export type SpecCheck = { ok: true; spec: Spec } | { ok: false; problems: Problem[] };

/**
 * Validates a spec and fills its defaults. A spec with a bad field still
 * hears about the cross-field rules its valid parts break, in the same run.
 */
export function checkSpec(raw: unknown): SpecCheck {
  const input = withImpliedTypes(raw);
  const result = specSchema.safeParse(input);
  if (result.success) return { ok: true, spec: result.data };
  const problems = problemsFromZod(result.error, specSchema, input);
  const reported = new Set(problems.map((problem) => problem.path));
  for (const issue of crossFieldIssues(validParts(input))) {
    const path = formatPath(issue.path);
    if (!reported.has(path)) problems.push({ path, message: issue.message });
  }
  return { ok: false, problems };
}

/** Validates an in-memory spec object (presets, flags, the wizard) and fills its defaults. */
export function validateSpec(input: unknown, source = 'spec'): Spec {
  const result = checkSpec(input);
  if (!result.ok) throw new UserError(result.problems, source);
  return result.spec;
}
