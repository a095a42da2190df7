/**
 * TOML with line numbers. smol-toml parses; positions come from a line scan
 * of table headers and `key =` lines, which is exact for the flat, hand-written
 * files doctor reads (oauth2-proxy.cfg, profiles.toml, prefect.toml).
 */
import { parse, TomlError } from 'smol-toml';
import type { Problems } from './problems.js';

export interface TomlFile {
  file: string;
  data: Record<string, unknown>;
  /** Line of `key =` inside `[table]` (dotted table path; '' for the top level). */
  lineOf(table: string, key: string): number | undefined;
  /** Line of a `[table]` header. */
  tableLine(table: string): number | undefined;
}

function unquote(key: string): string {
  return key.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

export function parseTomlFile(file: string, text: string, problems?: Problems): TomlFile | undefined {
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    problems?.syntax(
      { file, ...(line ? { line } : {}) },
      'TOML',
      (error as Error).message.split('\n')[0] ?? 'parse error',
      'fix the TOML at that line: strings need quotes, lists need [ ]',
    );
    return undefined;
  }
  const keys = new Map<string, number>();
  const tables = new Map<string, number>();
  let table = '';
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) {
      table = header[1]!.split('.').map(unquote).join('.');
      if (!tables.has(table)) tables.set(table, index + 1);
      return;
    }
    const key = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=/.exec(line);
    if (!key) return;
    const id = `${table}\u0000${key[1]!.split('.').map(unquote).join('.')}`;
    if (!keys.has(id)) keys.set(id, index + 1);
  });
  return {
    file,
    data,
    lineOf: (t, k) => keys.get(`${t}\u0000${k}`),
    tableLine: (t) => tables.get(t),
  };
}
