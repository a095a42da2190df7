/**
 * Turns zod's issues into problems a person can act on: the field path, what
 * is wrong in words, and for unknown keys the key they probably meant.
 */
import type * as core from 'zod/v4/core';
import type { Problem } from '../errors.js';
import { didYouMean } from '../util/didYouMean.js';

type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

interface Def {
  type: string;
  shape?: Record<string, core.$ZodType>;
  innerType?: core.$ZodType;
  in?: core.$ZodType;
  element?: core.$ZodType;
  options?: core.$ZodType[];
  discriminator?: string;
}

function defOf(schema: core.$ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object schema that describes the value at `path`, unwrapping defaults, pipes and unions. */
function objectKeysAt(schema: core.$ZodType, path: Path, root: unknown): string[] {
  let current: core.$ZodType | undefined = schema;
  let depth = 0;
  while (current) {
    const def = defOf(current);
    if (def.innerType) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
    } else if (def.type === 'union' && def.options) {
      const value = valueAt(root, path.slice(0, depth)) as Record<string, unknown> | undefined;
      const key = def.discriminator ?? 'type';
      current = def.options.find((option) => {
        const shape = defOf(option).shape;
        const literal = shape?.[key] ? defOf(shape[key]) : undefined;
        return (literal as { values?: unknown[] } | undefined)?.values?.includes(value?.[key]);
      });
    } else if (depth === path.length) {
      return def.shape ? Object.keys(def.shape).filter((k) => k !== '$schema') : [];
    } else if (def.type === 'object' && def.shape) {
      current = def.shape[String(path[depth])];
      depth++;
    } else if (def.type === 'array' && def.element) {
      current = def.element;
      depth++;
    } else {
      return [];
    }
  }
  return [];
}

const KINDS: Record<string, string> = { object: 'a mapping (key: value lines)', array: 'a list', string: 'text', number: 'a number', boolean: 'true or false' };

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? `the text ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
}

/** zod's message, or a plainer one where zod's default is written for programmers. */
function describe(issue: core.$ZodIssue, value: unknown): string {
  let message = issue.message;
  if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) {
    message = `must be ${KINDS[issue.expected] ?? issue.expected}, not ${kindOf(value)}`;
  }
  return value === undefined && !message.startsWith('is required') ? `is required and ${message}` : message;
}

export function problemsFromZod(error: core.$ZodError, schema: core.$ZodType, input: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = objectKeysAt(schema, issue.path, input);
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        problems.push({
          path: formatPath([...issue.path, key]),
          message: `is not a known key${issue.path.length ? ` of ${formatPath(issue.path)}` : ''}`,
          fix: guess ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    problems.push({ path: formatPath(issue.path), message: describe(issue, value) });
  }
  // A refinement on the whole spec may restate a field that already failed its
  // own format: the first problem at a path is the one to fix.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = problem.path + (problem.fix ?? '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
