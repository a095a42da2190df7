import { describe, expect, it } from 'vitest';
import { prefectServerHost } from '../../../src/doctor/checks/prefectServerHost.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('prefect-server-host', () => {
  it('reports the 127.0.0.1 default at the service', () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', '');
    const findings = run(prefectServerHost, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error prefect-server-host docker-compose.yml:${lineOf(compose, '  prefect-server:')}`]);
  });

  it('reports an explicit --host 127.0.0.1 in a shell command', () => {
    const compose = edit(GOOD_COMPOSE, 'command: prefect server start', 'command: ["sh", "-c", "prefect server start --host 127.0.0.1"]');
    expect(brief(run(prefectServerHost, goodStack({ 'docker-compose.yml': compose })))).toEqual([`error prefect-server-host docker-compose.yml:${lineOf(compose, 'command: ["sh"')}`]);
  });

  it('passes PREFECT_SERVER_API_HOST=0.0.0.0 and --host 0.0.0.0', () => {
    expect(run(prefectServerHost, goodStack())).toEqual([]);
    const compose = edit(edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', ''), 'command: prefect server start', 'command: prefect server start --host 0.0.0.0');
    expect(run(prefectServerHost, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});
