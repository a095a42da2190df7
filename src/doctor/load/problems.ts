/**
 * Broken input becomes a finding with its position, never an exception.
 * The ids here are the ids of the `input-*` checks that report them.
 */
import type { Finding, SourcePosition } from '../types.js';
import { readText, type SourceTree } from './tree.js';

export const INPUT_IDS = {
  unreadable: 'input-unreadable',
  syntax: 'input-syntax',
  missingFile: 'input-missing-file',
  variable: 'input-variable',
  ignoredCompose: 'input-compose-ignored',
  composeReference: 'input-compose-reference',
} as const;

export class Problems {
  readonly list: Finding[] = [];

  add(id: string, severity: Finding['severity'], at: SourcePosition, message: string, why?: string, fix?: string): void {
    this.list.push({
      id,
      severity,
      file: at.file,
      ...(at.line ? { line: at.line } : {}),
      message,
      ...(why ? { why } : {}),
      ...(fix ? { fix } : {}),
    });
  }

  /**
   * Runs one loader; input that exhausts the stack or the string limit (a
   * self-merging anchor, 50,000 nested blocks, an exponential `.env`)
   * becomes a finding about `what`, and the loader's result is `fallback`.
   */
  guard<T>(what: { file: string; kind: string }, load: () => T, fallback: T): T {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.add(
        INPUT_IDS.unreadable,
        'error',
        { file: what.file },
        `${what.kind} nests or expands too far to read (${error.message})`,
        'doctor stops rather than exhaust memory; the tool that reads it would fail the same way or worse',
        'flatten it: a configuration nests a few levels, and an alias, merge or variable does not refer to itself',
      );
      return fallback;
    }
  }

  syntax(at: SourcePosition, kind: string, detail: string, fix: string): void {
    this.add(INPUT_IDS.syntax, 'error', at, `is not valid ${kind}: ${detail}`, `the tool that reads this file refuses it, and doctor cannot check what it holds`, fix);
  }
}

/**
 * Reads a text file; a file that is missing, binary or too large is recorded
 * as a problem at `reference` (the line that names it) or at the file itself.
 */
export function readTextOrReport(
  tree: SourceTree,
  path: string,
  problems: Problems,
  reference?: { at: SourcePosition; what: string; required?: boolean },
): string | undefined {
  const result = readText(tree, path);
  if ('text' in result) return result.text;
  if (result.problem === 'missing') {
    if (reference && reference.required !== false) {
      problems.add(
        INPUT_IDS.missingFile,
        'error',
        reference.at,
        `${reference.what} ${path} does not exist`,
        'docker compose fails to start the service (or mounts an empty directory in its place)',
        `create ${path}, or correct the path on this line`,
      );
    }
    return undefined;
  }
  const what = result.problem === 'binary' ? 'is not a text file (binary content or invalid UTF-8)' : 'is too large to be a configuration file';
  problems.add(
    INPUT_IDS.unreadable,
    'error',
    reference?.at ?? { file: path },
    `${reference ? `${reference.what} ${path}` : path} ${what}`,
    'doctor cannot read it, and neither can the service that uses it',
    'replace it with the text configuration file it should be',
  );
  return undefined;
}
