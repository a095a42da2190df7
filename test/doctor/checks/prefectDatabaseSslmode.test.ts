import { describe, expect, it } from 'vitest';
import { prefectDatabaseSslmode } from '../../../src/doctor/checks/prefectDatabaseSslmode.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('prefect-database-sslmode', () => {
  it('reports ?sslmode= with asyncpg, without printing the URL (it holds a password)', () => {
    const compose = edit(GOOD_COMPOSE, '@postgres:5432/prefect', '@postgres:5432/prefect?sslmode=require');
    const findings = run(prefectDatabaseSslmode, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error prefect-database-sslmode docker-compose.yml:${lineOf(compose, 'sslmode')}`]);
    expect(JSON.stringify(findings)).not.toContain('db-password-from-env');
  });

  it('passes ?ssl=require', () => {
    const compose = edit(GOOD_COMPOSE, '@postgres:5432/prefect', '@postgres:5432/prefect?ssl=require');
    expect(run(prefectDatabaseSslmode, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});
