import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/compose/interpolate.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '' };
const lookup = (name: string) => env[name];

describe('compose interpolation', () => {
  it.each([
    ['$SET and ${SET}', 'value and value'],
    ['${UNSET:-fallback} ${EMPTY:-fallback} ${EMPTY-fallback}', 'fallback fallback '],
    ['${SET:+alt} ${UNSET:+alt}', 'alt '],
    ['$$literal $${NOT}', '$literal ${NOT}'],
    ['${UNSET:-${SET}}', 'value'],
  ])('%s', (text, expected) => {
    expect(interpolate(text, lookup).value).toBe(expected);
  });

  it('records unset and required variables and invalid templates', () => {
    expect(interpolate('${UNSET}', lookup).unset).toEqual(['UNSET']);
    expect(interpolate('${EMPTY:?needed}', lookup).missingRequired).toEqual(['EMPTY']);
    expect(interpolate('${EMPTY?needed}', lookup).missingRequired).toEqual([]);
    expect(interpolate('user:$2y$05$hash', lookup).invalid).toBe(true);
    expect(interpolate('trailing $', lookup).invalid).toBe(true);
    expect(interpolate('$apr1$x', lookup)).toMatchObject({ value: '', invalid: false, unset: ['apr1', 'x'] });
  });
});
