import { describe, expect, it } from 'vitest';
import { prefectDatabaseUrlDeprecated } from '../../../src/doctor/checks/prefectDatabaseUrlDeprecated.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('prefect-database-url-deprecated', () => {
  it('reports PREFECT_API_DATABASE_CONNECTION_URL', () => {
    const compose = edit(GOOD_COMPOSE, 'PREFECT_SERVER_DATABASE_CONNECTION_URL', 'PREFECT_API_DATABASE_CONNECTION_URL');
    const findings = run(prefectDatabaseUrlDeprecated, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`warning prefect-database-url-deprecated docker-compose.yml:${lineOf(compose, 'PREFECT_API_DATABASE_CONNECTION_URL')}`]);
    expect(findings[0]!.fix).toBe('rename it to PREFECT_SERVER_DATABASE_CONNECTION_URL');
  });

  it('passes the current name', () => {
    expect(run(prefectDatabaseUrlDeprecated, goodStack())).toEqual([]);
  });
});
