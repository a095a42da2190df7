/**
 * Reads a spec from YAML text or a file, validates it and fills defaults.
 * Every problem in the file is reported at once, each with its line.
 */
import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { UserError, type Problem } from '../errors.js';
import type { Spec } from './schema.js';
import { checkSpec } from './validate.js';

function lineOf(doc: Document, counter: LineCounter, path: string): number | undefined {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  // Walk as deep as the document goes: a missing key points at its parent.
  for (let depth = parts.length; depth >= 0; depth--) {
    const prefix = parts.slice(0, depth);
    let node: unknown;
    if (depth === parts.length && depth > 0) {
      // An unknown or bad key: point at the key itself when it exists.
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === prefix.at(-1));
        node = pair?.key;
      }
    }
    node ??= depth === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

export function parseSpec(text: string, source = 'prefect-secure.yaml'): Spec {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new UserError(
      doc.errors.map((error) => ({
        path: '',
        line: error.linePos?.[0]?.line,
        message: `is not valid YAML: ${error.message.split('\n')[0]}`,
        fix: 'fix the YAML syntax at that line (indentation, a missing ":" or an unclosed quote)',
      })),
      source,
    );
  }
  const raw: unknown = doc.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError(
      [
        {
          path: '',
          message: raw == null ? 'is empty' : 'must be a YAML mapping of keys to values',
          fix: 'start from `prefect-secure init --preset local` or write at least "version: 1"',
        },
      ],
      source,
    );
  }
  const result = checkSpec(raw);
  if (!result.ok) {
    const problems: Problem[] = result.problems.map((problem) => ({
      ...problem,
      line: lineOf(doc, counter, problem.path),
    }));
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new UserError(problems, source);
  }
  return result.spec;
}

/** A spec file's raw content and text, after checking it (every problem reported with its line). */
export function readSpecInput(file: string, shownAs = file): { input: Record<string, unknown>; text: string } {
  const text = readSpecText(file, shownAs);
  parseSpec(text, shownAs);
  return { input: parseDocument(text).toJS() as Record<string, unknown>, text };
}

export function readSpecFile(file: string, shownAs = file): Spec {
  return parseSpec(readSpecText(file, shownAs), shownAs);
}

function readSpecText(file: string, shownAs: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      [
        {
          path: '',
          message: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`,
          fix: 'pass the path of an existing spec with --config, or render the built-in one with --preset local',
        },
      ],
      shownAs,
    );
  }
  if (text.includes('\u0000')) {
    throw new UserError([{ path: '', message: 'is not a text file', fix: 'pass a YAML spec file' }], shownAs);
  }
  return text;
}

export { validateSpec } from './validate.js';
