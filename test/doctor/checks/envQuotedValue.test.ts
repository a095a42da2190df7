import { describe, expect, it } from 'vitest';
import { envQuotedValue } from '../../../src/doctor/checks/envQuotedValue.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('env-quoted-value', () => {
  it('reports quotes kept by the list form - KEY="value"', () => {
    const compose = edit(GOOD_COMPOSE, '    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}\n', '    environment:\n      - POSTGRES_PASSWORD="${DB_PASSWORD:?set it}"\n');
    const findings = run(envQuotedValue, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error env-quoted-value docker-compose.yml:${lineOf(compose, 'POSTGRES_PASSWORD=')}`]);
    expect(findings[0]!.fix).toBe('- POSTGRES_PASSWORD=… (without the quotes)');
    expect(JSON.stringify(findings)).not.toContain('db-password-from-env');
  });

  it('reports quotes an env_file keeps with format: raw, at the env_file line', () => {
    const compose = edit(GOOD_COMPOSE, '    image: postgres:17-alpine\n', '    image: postgres:17-alpine\n    env_file:\n      - path: pg.env\n        format: raw\n');
    const findings = run(envQuotedValue, goodStack({ 'docker-compose.yml': compose, 'pg.env': '# db\nPOSTGRES_USER="prefect"\n' }));
    expect(brief(findings)).toEqual(['error env-quoted-value pg.env:2']);
  });

  it('passes an env_file whose quotes compose strips, and JSON values with inner quotes', () => {
    const compose = edit(GOOD_COMPOSE, '    image: postgres:17-alpine\n', '    image: postgres:17-alpine\n    env_file: pg.env\n');
    const files = goodStack({ 'docker-compose.yml': compose, 'pg.env': 'POSTGRES_USER="prefect"\nPREFECT_CLIENT_CUSTOM_HEADERS=\'{"X-A": "b"}\'\n' });
    expect(run(envQuotedValue, files)).toEqual([]);
  });
});
