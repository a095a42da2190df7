import { describe, expect, it } from 'vitest';
import { exposurePublishedBackend } from '../../../src/doctor/checks/exposurePublishedBackend.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('exposure-published-backend', () => {
  it('reports Prefect published on every interface and Keycloak on loopback as a warning; a published Postgres is exposure-published-data\'s', () => {
    let compose = edit(GOOD_COMPOSE, '    command: prefect server start\n', '    command: prefect server start\n    ports:\n      - "4200:4200"\n');
    compose = edit(compose, '    image: postgres:17-alpine\n', '    image: postgres:17-alpine\n    ports: ["5432:5432"]\n');
    compose = edit(compose, '    command: start-dev --import-realm\n', '    command: start-dev --import-realm\n    ports: ["127.0.0.1:8081:8080"]\n');
    const findings = run(exposurePublishedBackend, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([
      `warning exposure-published-backend docker-compose.yml:${lineOf(compose, '127.0.0.1:8081:8080')}`,
      `error exposure-published-backend docker-compose.yml:${lineOf(compose, '"4200:4200"')}`,
    ]);
    expect(findings[1]!.message).toContain('the Prefect API and UI, without the sign-in in front of them');
  });

  it('passes a stack where only the proxy publishes', () => {
    expect(run(exposurePublishedBackend, goodStack())).toEqual([]);
  });

  it('does not apply without a reverse proxy', () => {
    const compose = 'services:\n  db:\n    image: postgres:17\n    ports: ["5432:5432"]\n';
    expect(run(exposurePublishedBackend, { 'docker-compose.yml': compose })).toEqual([]);
  });
});
