/**
 * Broken input never crashes doctor: every realistic fixture, with lines
 * deleted, duplicated or cut short at random, still loads and every check
 * returns findings instead of throwing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { loadStack } from '../../src/doctor/load/index.js';
import { memoryTree } from '../../src/doctor/load/tree.js';
import type { Finding } from '../../src/doctor/types.js';
import { goodStack, type Files } from './helpers.js';

const ROOT = fileURLToPath(new URL('../fixtures/doctor/', import.meta.url));

function readTree(dir: string, prefix = ''): Files {
  const files: Files = {};
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(files, readTree(full, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return files;
}

const stacks: Files[] = [goodStack(), ...readdirSync(ROOT).map((name) => readTree(join(ROOT, name)))];

/** Runs every check directly, so an exception would surface here (the runner would hide it as `crashed`). */
function runAll(files: Files): Finding[] {
  const model = loadStack(memoryTree(files), '.');
  return CHECKS.flatMap((check) => (check.appliesTo && !check.appliesTo(model) ? [] : check.run(model)));
}

/** Every finding, however broken the input, names what is wrong and where, in the shape the report documents. */
function expectWellFormed(findings: Finding[], files: Files): void {
  for (const f of findings) {
    expect(['error', 'warning']).toContain(f.severity);
    expect(f.message.trim().length, JSON.stringify(f)).toBeGreaterThan(10);
    if (f.file !== undefined) expect(Object.keys(files), JSON.stringify(f)).toContain(f.file);
    if (f.line !== undefined) expect(Number.isInteger(f.line) && f.line > 0, JSON.stringify(f)).toBe(true);
  }
}

const mutation = fc.record({
  stack: fc.nat({ max: stacks.length - 1 }),
  file: fc.nat(),
  line: fc.nat(),
  kind: fc.constantFrom('delete', 'duplicate', 'truncate', 'junk'),
});

describe('robustness', () => {
  it('survives lines deleted, duplicated or cut short in any file of any fixture', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const files: Files = { ...stacks[mutations[0]!.stack]! };
        for (const m of mutations) {
          const paths = Object.keys(files);
          const path = paths[m.file % paths.length]!;
          const lines = String(files[path]).split('\n');
          const at = m.line % Math.max(lines.length, 1);
          if (m.kind === 'delete') lines.splice(at, 1);
          else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at] ?? '');
          else if (m.kind === 'truncate') lines[at] = (lines[at] ?? '').slice(0, Math.floor((lines[at] ?? '').length / 2));
          else lines[at] = '\u0000\u00ff{[<"\'$';
          files[path] = lines.join('\n');
        }
        expectWellFormed(runAll(files), files);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it('survives well-formed YAML of the wrong shape', () => {
    for (const compose of [
      'services: [a, b]\n',
      'services:\n  app: 5\n',
      'services:\n  app:\n    environment: 5\n    ports: {a: 1}\n    networks: 7\n    labels: [1, 2]\n    volumes: [{}]\n    command: {x: 1}\n',
      '- just\n- a list\n',
      '',
      'services:\n  app:\n    image: [not, a, string]\n    env_file: {}\n    extra_hosts: 5\n',
    ]) {
      expect(() => runAll({ 'docker-compose.yml': compose, 'nginx.conf': 'server { location / { } }', 'x.cfg': 'provider = 5\nemail_domains = 7\n' })).not.toThrow();
    }
  });
});
