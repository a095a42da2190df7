import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/doctor/checks/check.js';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { runChecks, selectChecks, splitIds, statusOf } from '../../src/doctor/run.js';
import { goodStack, load } from './helpers.js';

const passing: Check = { id: 'always-passes', title: 'passes', severity: 'error', run: () => [] };
const throwing: Check = {
  id: 'always-throws',
  title: 'throws',
  severity: 'error',
  run: () => {
    throw new TypeError('x is undefined');
  },
};
const notApplicable: Check = { id: 'not-here', title: 'n/a', severity: 'warning', appliesTo: () => false, run: () => [{ id: 'not-here', severity: 'warning', message: 'never' }] };

describe('runner', () => {
  it('turns an exception inside a check into a crashed result with an error finding, and runs the others', async () => {
    const seen: string[] = [];
    const results = await runChecks(load(goodStack()), [throwing, passing, notApplicable], (r) => seen.push(r.id));
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['always-throws', 'crashed'],
      ['always-passes', 'passed'],
      ['not-here', 'skipped'],
    ]);
    expect(results[0]!.findings).toEqual([expect.objectContaining({ id: 'always-throws', severity: 'error', message: 'the check crashed: x is undefined' })]);
    expect(seen.sort()).toEqual(['always-passes', 'always-throws', 'not-here']);
  });

  it('names each finding after the check that reported it', async () => {
    const mislabelled: Check = { id: 'real-id', title: 't', severity: 'error', run: () => [{ id: 'other', severity: 'warning', message: 'm' }] };
    const [result] = await runChecks(load(goodStack()), [mislabelled]);
    expect(result!.findings[0]!.id).toBe('real-id');
    expect(result!.status).toBe('warned');
  });

  it('selects by --only and --skip and reports unknown ids', () => {
    expect(splitIds(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    const selection = selectChecks(CHECKS, ['issuer-format', 'nope'], ['issuer-format']);
    expect(selection.checks).toEqual([]);
    expect(selection.unknown).toEqual(['nope']);
    expect(selectChecks(CHECKS, [], []).checks).toHaveLength(CHECKS.length);
  });

  it('derives the status from the worst finding', () => {
    expect(statusOf([])).toBe('passed');
    expect(statusOf([{ id: 'a', severity: 'warning', message: 'm' }])).toBe('warned');
    expect(statusOf([{ id: 'a', severity: 'warning', message: 'm' }, { id: 'a', severity: 'error', message: 'm' }])).toBe('failed');
  });

  it('has unique, kebab-case check ids and a title for each', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECKS) {
      expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(check.title.length).toBeGreaterThan(10);
    }
  });
});
