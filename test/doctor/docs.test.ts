/** README.md documents every check id, and its JSON example is a valid report. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { LIVE_CHECK_IDS } from '../../src/doctor/live/index.js';
import { REPORT_SCHEMA } from '../../src/doctor/report.js';

const doc = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README.md (doctor section)', () => {
  it('has a table row for every check id, with its severity', () => {
    for (const check of CHECKS) expect(doc).toContain(`| \`${check.id}\` | ${check.severity} |`);
    for (const id of LIVE_CHECK_IDS) expect(doc).toContain(`| \`${id}\` |`);
  });

  it('shows a JSON example that validates against the report schema', () => {
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    const validate = new Ajv2020({ strict: true }).compile(REPORT_SCHEMA);
    expect(validate(JSON.parse(example!))).toBe(true);
  });
});
