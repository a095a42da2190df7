import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/doctor/checks/check.js';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { runChecks, selectChecks, splitIds, statusOf, withoutRepeats } from '../../src/doctor/run.js';
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

describe('withoutRepeats: one mistake, one finding', () => {
  const issuerLine = { file: 'docker-compose.yml', line: 21 };
  const staticResults = [
    { id: 'issuer-split-brain', title: '', status: 'failed' as const, durationMs: 0, findings: [{ id: 'issuer-split-brain', severity: 'error' as const, ...issuerLine, message: 'points at localhost', fix: 'use keycloak.localtest.me' }] },
  ];
  const live = (line: number) => [
    { id: 'live-issuer-discovery', title: '', status: 'failed' as const, durationMs: 0, findings: [{ id: 'live-issuer-discovery', severity: 'error' as const, file: 'docker-compose.yml', line, message: 'Connection refused', fix: 'use idp.localtest.me' }] },
    { id: 'live-gate', title: '', status: 'failed' as const, durationMs: 0, findings: [{ id: 'live-gate', severity: 'error' as const, file: 'nginx.conf', line: 3, message: 'open' }] },
  ];

  it("drops the live issuer finding on the line a static issuer check already explains, and its check passes", () => {
    const result = withoutRepeats(staticResults, live(21));
    expect(result.map((r) => `${r.id} ${r.status} ${r.findings.length}`)).toEqual(['live-issuer-discovery passed 0', 'live-gate failed 1']);
  });

  it('keeps live findings on other lines, and everything when no static issuer finding exists', () => {
    expect(withoutRepeats(staticResults, live(22))[0]!.findings).toHaveLength(1);
    expect(withoutRepeats([], live(21))[0]!.findings).toHaveLength(1);
  });
});
