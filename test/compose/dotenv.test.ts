import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/compose/dotenv.js';

describe('dotenv (compose rules)', () => {
  it('strips quotes, keeps single quotes literal, interpolates in double quotes, cuts " #" comments', () => {
    const text = [
      '# comment',
      'export A=plain value  # trailing comment',
      "B='single ${A}'",
      'C="double ${A}\\nnext"',
      'D=has#hash',
      'E: yaml style',
      '',
      'F="multi',
      'line"',
      'G=${A}-x',
    ].join('\n');
    const { entries, error } = parseDotenv(text);
    expect(error).toBeUndefined();
    expect(entries.map((e) => [e.name, e.value, e.line])).toEqual([
      ['A', 'plain value', 2],
      ['B', 'single ${A}', 3],
      ['C', 'double plain value\nnext', 4],
      ['D', 'has#hash', 5],
      ['E', 'yaml style', 6],
      ['F', 'multi\nline', 8],
      ['G', 'plain value-x', 10],
    ]);
  });

  it('reports a bad key and an unclosed quote with their lines', () => {
    expect(parseDotenv('OK=1\nBAD KEY=2\n').error).toEqual({ line: 2, message: 'a variable name cannot contain a space' });
    expect(parseDotenv('OK=1\nX="open\n').error).toEqual({ line: 2, message: 'a quoted value is never closed' });
  });
});
