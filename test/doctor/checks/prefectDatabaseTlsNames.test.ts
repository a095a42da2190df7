import { describe, expect, it } from 'vitest';
import { prefectDatabaseTlsNames } from '../../../src/doctor/checks/prefectDatabaseTlsNames.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('prefect-database-tls-names', () => {
  it('reports the double-underscore CONNECT_ARGS__TLS__ form', () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', '      PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS__TLS__ENABLED: "true"\n');
    const findings = run(prefectDatabaseTlsNames, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error prefect-database-tls-names docker-compose.yml:${lineOf(compose, 'CONNECT_ARGS__TLS__')}`]);
    expect(findings[0]!.fix).toBe('rename it to PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED');
  });

  it('passes the single-underscore names', () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', '      PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED: "true"\n');
    expect(run(prefectDatabaseTlsNames, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});
