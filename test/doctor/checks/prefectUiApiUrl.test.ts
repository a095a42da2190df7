import { describe, expect, it } from 'vitest';
import { prefectUiApiUrl } from '../../../src/doctor/checks/prefectUiApiUrl.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

const uiApi = (url: string) => edit(GOOD_COMPOSE, 'PREFECT_UI_API_URL: http://prefect.localtest.me:8080/api', `PREFECT_UI_API_URL: ${url}`);

describe('prefect-ui-api-url', () => {
  it('reports a missing PREFECT_UI_API_URL at the server and suggests the public URL', () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_UI_API_URL: http://prefect.localtest.me:8080/api\n', '');
    const findings = run(prefectUiApiUrl, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error prefect-ui-api-url docker-compose.yml:${lineOf(compose, '  prefect-server:')}`]);
    expect(findings[0]!.fix).toBe('PREFECT_UI_API_URL: "http://prefect.localtest.me:8080/api"');
  });

  it.each([
    ['http://0.0.0.0:4200/api', 'uses 0.0.0.0'],
    ['http://prefect-server:4200/api', 'a name only containers resolve'],
    ['http://localhost:4200/api', 'going around the proxy'],
    ['http://other.localtest.me:8080/api', 'which the proxy does not serve the UI on'],
    ['http://prefect.localtest.me:8080/', "not the API's /api"],
  ])('reports %s', (url, problem) => {
    const compose = uiApi(url);
    const findings = run(prefectUiApiUrl, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error prefect-ui-api-url docker-compose.yml:${lineOf(compose, 'PREFECT_UI_API_URL')}`]);
    expect(findings[0]!.message).toContain(problem);
  });

  it('passes the public UI URL + /api', () => {
    expect(run(prefectUiApiUrl, goodStack())).toEqual([]);
  });
});
