import { describe, expect, it } from 'vitest';
import { prefectServerAuthString } from '../../../src/doctor/checks/prefectServerAuthString.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('prefect-server-auth-string', () => {
  it('reports PREFECT_API_AUTH_STRING on the server', () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', '      PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_API_AUTH_STRING: ${AUTH:?set}\n');
    const findings = run(prefectServerAuthString, goodStack({ 'docker-compose.yml': compose, '.env': 'AUTH=admin:pass\n' }));
    expect(brief(findings)).toEqual([`error prefect-server-auth-string docker-compose.yml:${lineOf(compose, 'PREFECT_API_AUTH_STRING')}`]);
    expect(findings[0]!.fix).toBe('rename it to PREFECT_SERVER_API_AUTH_STRING (Prefect 3.1.8 or newer)');
  });

  it('passes PREFECT_SERVER_API_AUTH_STRING, and the client setting on a worker', () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', '      PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_SERVER_API_AUTH_STRING: ${AUTH:?set}\n');
    const worker = `${compose}  worker:\n    image: prefecthq/prefect:3.8.3-python3.12\n    command: prefect worker start --pool default\n    environment:\n      PREFECT_API_URL: http://prefect-server:4200/api\n      PREFECT_API_AUTH_STRING: \${AUTH:?set}\n`;
    expect(run(prefectServerAuthString, goodStack({ 'docker-compose.yml': worker, '.env': 'AUTH=admin:pass\n' }))).toEqual([]);
  });
});
