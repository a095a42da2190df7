import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../src/util/yamlEmit.js';

describe('toYaml', () => {
  it('writes the canonical spec shape readably', () => {
    expect(toYaml({ version: 1, hosts: { ui: 'a.localtest.me', port: 8080 }, users: ['ci', { name: 'ops', password: 'env:X' }], flag: true, v: '17', empty: [] })).toBe(
      'version: 1\nhosts:\n  ui: a.localtest.me\n  port: 8080\nusers:\n  - ci\n  - name: ops\n    password: "env:X"\nflag: true\nv: "17"\nempty: []\n',
    );
  });

  it('round-trips any plain data through a YAML parser', () => {
    const key = fc.string({ minLength: 1, maxLength: 8 });
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constantFrom('true', 'null', '17', '3.12', 'yes', '- x', '#x', 'a: b'));
    const data = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(key, data, { minKeys: 1, maxKeys: 4 }), (value) => {
      expect(load(toYaml(value as never))).toEqual(value);
    }), { numRuns: 300 });
  });
});
