/**
 * Reads a spec from YAML text or a file, validates it and fills defaults.
 * Every problem in the file is reported at once, each with its line.
 */
import { readFileSync, statSync } from 'node:fs';
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

/**
 * Bounds on a spec before and while it is parsed: a real spec is a few
 * hundred bytes with a handful of keys; a hostile one must fail fast with
 * exit 2, not exhaust memory or time (an alias bomb expands exponentially).
 */
export const SPEC_LIMITS = { bytes: 256 * 1024, aliases: 50, depth: 16, keys: 2000 } as const;

function specTooLarge(source: string, message: string): UserError {
  return new UserError([{ path: '', message, fix: 'a spec is a short YAML file: start from `prefect-secure init --preset local` and change only what you need' }], source);
}

/** Depth and key count of plain data, stopping as soon as a bound is passed. */
function checkShape(value: unknown, source: string): void {
  let keys = 0;
  const visit = (node: unknown, depth: number) => {
    if (node === null || typeof node !== 'object') return;
    if (depth > SPEC_LIMITS.depth) throw specTooLarge(source, `nests deeper than ${SPEC_LIMITS.depth} levels`);
    const children = Array.isArray(node) ? node : Object.values(node);
    keys += children.length;
    if (keys > SPEC_LIMITS.keys) throw specTooLarge(source, `has more than ${SPEC_LIMITS.keys} keys and values`);
    for (const child of children) visit(child, depth + 1);
  };
  visit(value, 0);
}

/** YAML text to plain data within the bounds; YAML errors name their line. */
function loadDocument(text: string, source: string, counter?: LineCounter): { doc: Document; raw: unknown } {
  if (Buffer.byteLength(text, 'utf8') > SPEC_LIMITS.bytes) throw specTooLarge(source, `is larger than ${SPEC_LIMITS.bytes / 1024} KB`);
  const doc = parseDocument(text, { ...(counter ? { lineCounter: counter } : {}), prettyErrors: true, uniqueKeys: true });
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
  // yaml reads an unknown tag (`!custom value`) as plain text with only a warning: a spec says what it means, untagged.
  if (doc.warnings.length > 0) {
    throw new UserError(
      doc.warnings.map((warning) => ({
        path: '',
        line: warning.linePos?.[0]?.line ?? counter?.linePos(warning.pos[0]).line,
        message: `has YAML the spec does not take: ${warning.message.split('\n')[0]}`,
        fix: 'drop the tag (the !name before the value) and write the plain value',
      })),
      source,
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: SPEC_LIMITS.aliases });
  } catch (error) {
    if (/alias/i.test((error as Error).message)) throw specTooLarge(source, `expands its YAML aliases (*name) too often; a spec needs at most ${SPEC_LIMITS.aliases}`);
    throw error;
  }
  checkShape(raw, source);
  return { doc, raw };
}

export function parseSpec(text: string, source = 'prefect-secure.yaml'): Spec {
  const counter = new LineCounter();
  const { doc, raw } = loadDocument(text, source, counter);
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
  return { input: loadDocument(text, shownAs).raw as Record<string, unknown>, text };
}

export function readSpecFile(file: string, shownAs = file): Spec {
  return parseSpec(readSpecText(file, shownAs), shownAs);
}

function readSpecText(file: string, shownAs: string): string {
  let text: string;
  try {
    // Never read a huge file whole: its size says enough.
    const stat = statSync(file);
    if (!stat.isFile()) throw new UserError([{ path: '', message: 'is not a regular file', fix: 'pass the path of a YAML spec file' }], shownAs);
    if (stat.size > SPEC_LIMITS.bytes) throw specTooLarge(shownAs, `is larger than ${SPEC_LIMITS.bytes / 1024} KB`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
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
