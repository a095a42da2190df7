import { describe, expect, it } from 'vitest';
import { inputComposeIgnored } from '../../../src/doctor/checks/inputComposeIgnored.js';
import { brief, goodStack, GOOD_COMPOSE, run } from '../helpers.js';

describe('input-compose-ignored', () => {
  it('reports docker-compose.yml next to compose.yaml, which compose prefers', () => {
    const files = goodStack({ 'compose.yaml': GOOD_COMPOSE });
    const findings = run(inputComposeIgnored, files);
    expect(brief(findings)).toEqual(['warning input-compose-ignored docker-compose.yml']);
    expect(findings[0]!.message).toBe('docker compose reads compose.yaml and ignores docker-compose.yml');
  });

  it('passes one compose file with its override', () => {
    expect(run(inputComposeIgnored, goodStack({ 'docker-compose.override.yml': 'services:\n  nginx:\n    restart: always\n' }))).toEqual([]);
  });
});
