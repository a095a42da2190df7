import { describe, expect, it } from 'vitest';
import { inputVariable } from '../../../src/doctor/checks/inputVariable.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('input-variable', () => {
  it('reports a required variable missing from .env (error) and an unset one (warning, once)', () => {
    const compose = edit(GOOD_COMPOSE, '      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}\n', '      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}\n      POSTGRES_USER: ${PG_USER}\n      POSTGRES_DB: ${PG_USER}\n');
    const findings = run(inputVariable, goodStack({ 'docker-compose.yml': compose, '.env': 'CLIENT_SECRET=x\nCOOKIE_SECRET=y\nKC_ADMIN_PASSWORD=z\n' }));
    expect(brief(findings)).toEqual([
      `error input-variable docker-compose.yml:${lineOf(compose, 'PREFECT_SERVER_DATABASE_CONNECTION_URL')}`,
      `error input-variable docker-compose.yml:${lineOf(compose, 'POSTGRES_PASSWORD')}`,
      `warning input-variable docker-compose.yml:${lineOf(compose, 'POSTGRES_USER')}`,
    ]);
    expect(findings[0]!.message).toContain('DB_PASSWORD');
  });

  it('reports a "$" compose cannot interpolate', () => {
    const compose = edit(GOOD_COMPOSE, '      KC_HTTP_ENABLED: "true"\n', '      KC_HTTP_ENABLED: "true"\n      KC_SPI_THING: "pa$(whoami)"\n');
    const findings = run(inputVariable, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error input-variable docker-compose.yml:${lineOf(compose, 'KC_SPI_THING')}`]);
  });

  it('passes defaults, $$ literals and set variables', () => {
    const compose = edit(GOOD_COMPOSE, '      KC_HTTP_ENABLED: "true"\n', '      KC_HTTP_ENABLED: "true"\n      KC_LOG_LEVEL: ${LOG_LEVEL:-info}\n      KC_NOTE: "costs $$5"\n');
    expect(run(inputVariable, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});
