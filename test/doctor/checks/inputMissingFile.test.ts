import { describe, expect, it } from 'vitest';
import { inputMissingFile } from '../../../src/doctor/checks/inputMissingFile.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('input-missing-file', () => {
  it('reports a missing env_file at the line naming it', () => {
    const compose = edit(GOOD_COMPOSE, '    image: postgres:17-alpine\n', '    image: postgres:17-alpine\n    env_file: ./postgres.env\n');
    const findings = run(inputMissingFile, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error input-missing-file docker-compose.yml:${lineOf(compose, 'env_file')}`]);
  });

  it('reports a bind-mounted config file that does not exist', () => {
    const files = goodStack();
    delete files['oauth2-proxy.cfg'];
    const findings = run(inputMissingFile, files);
    expect(brief(findings)).toEqual([`error input-missing-file docker-compose.yml:${lineOf(GOOD_COMPOSE, './oauth2-proxy.cfg')}`]);
    expect(findings[0]!.why).toContain('empty directory');
  });

  it('accepts an optional env_file (required: false) that is absent', () => {
    const compose = edit(GOOD_COMPOSE, '    image: postgres:17-alpine\n', '    image: postgres:17-alpine\n    env_file:\n      - path: ./local.env\n        required: false\n');
    expect(run(inputMissingFile, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });

  it('passes when every referenced file exists', () => {
    expect(run(inputMissingFile, goodStack())).toEqual([]);
  });
});
