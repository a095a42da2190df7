/**
 * Templates only lay the plan out: every interpolation goes through a helper
 * that checks a strict format or quotes for the target syntax.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeString, composeValue, envValue, HELPER_NAMES, nginxString, TemplateValueError, tomlValue, formatHelpers, quotingHelpers } from '../../src/render/helpers.js';
import { templateFiles as componentTemplates, templatesDir } from '../../src/render/templateSource.js';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

const BLOCK_KEYWORDS = new Set(['#each', '#if', '#unless', '#with', '/each', '/if', '/unless', '/with', 'else']);

function templateFiles(): string[] {
  const files = componentTemplates(templatesDir()).map(([, path]) => path);
  expect(files.length).toBeGreaterThan(20);
  return files;
}

describe('templates', () => {
  it.each(templateFiles().map((f) => [f.split('/components/')[1]!, f]))('%s interpolates only through helpers', (_name, file) => {
    const source = readFileSync(file, 'utf8').replace(/\\\{\{[^}]*\}\}/g, ''); // escaped literal braces
    for (const [, raw] of source.matchAll(/\{\{~?([^}]*?)~?\}\}/g)) {
      const expression = raw!.trim();
      const [head] = expression.split(/\s+/);
      if (expression.startsWith('>') || expression.startsWith('!')) continue; // partials, comments
      if (BLOCK_KEYWORDS.has(head!)) continue;
      expect(HELPER_NAMES, `{{${expression}}} in ${file}`).toContain(head);
    }
  });
});

describe('quoting helpers', () => {
  const nasty = 'a"b\\c$d\'e #f: g\n';

  it('compose strings survive YAML parsing with $ escaped for interpolation', () => {
    expect(parseYaml(`v: ${composeString(nasty)}`).v).toBe(nasty.replace(/\$/g, '$$$$'));
    expect(composeString('a$b')).toBe('"a$$b"');
  });

  it('compose secret references stay references, with literal text escaped around them', () => {
    expect(composeValue({ secret: 'DB_PASSWORD', prefix: 'x$', suffix: '@db' })).toBe(
      '"x$$${DB_PASSWORD:?DB_PASSWORD is missing from .env; run prefect-secure init again}@db"',
    );
    expect(() => composeValue({ secret: 'not valid' })).toThrow(TemplateValueError);
  });

  it('TOML values parse back to the same value', () => {
    for (const value of [nasty, true, 8080, ['a"', 'b\\']]) {
      expect(parseToml(`v = ${tomlValue(value)}`).v).toEqual(value);
    }
  });

  it('nginx strings are quoted and refuse variables and newlines', () => {
    expect(nginxString('Prefect "API"')).toBe('"Prefect \\"API\\""');
    expect(() => nginxString('$host')).toThrow(TemplateValueError);
    expect(() => nginxString('a\nb')).toThrow(TemplateValueError);
  });

  it('env values are literal: plain when safe, single-quoted otherwise, refused when impossible', () => {
    expect(envValue('abc-_123')).toBe('abc-_123');
    expect(envValue('a b$c')).toBe("'a b$c'");
    expect(() => envValue("it's")).toThrow(TemplateValueError);
  });

  it.each([
    ['host', 'Prefect.example.com'],
    ['host', 'a b'],
    ['port', 0],
    ['port', '8080'],
    ['url', 'http://x/?q=1'],
    ['url', 'javascript:alert(1)'],
    ['ident', 'Bad'],
    ['envName', 'lower'],
    ['image', 'nginx'],
    ['amount', '10 s'],
    ['ip', '999.1.1.1'],
    ['bool', 'true'],
  ] as const)('format helper %s refuses %j', (helper, value) => {
    expect(() => (formatHelpers as Record<string, (v: unknown) => string>)[helper]!(value)).toThrow(TemplateValueError);
  });

  it('text refuses newlines, so a value cannot break out of a comment', () => {
    expect(() => quotingHelpers.text('line\nservices:')).toThrow(TemplateValueError);
  });
});
