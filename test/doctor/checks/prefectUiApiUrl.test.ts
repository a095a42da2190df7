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

describe('prefect-ui-api-url without a proxy, and with the UI off', () => {
  const PUBLISHED = 'services:\n  prefect:\n    image: prefecthq/prefect:3.8.3-python3.12\n    command: prefect server start --host 0.0.0.0\n    ports: ["4200:4200"]\n';

  it("reports the UI's fallback to http://0.0.0.0:4200/api on a published server (Prefect issue #20879)", () => {
    const findings = run(prefectUiApiUrl, { 'docker-compose.yml': PUBLISHED });
    expect(brief(findings)).toEqual([`error prefect-ui-api-url docker-compose.yml:${lineOf(PUBLISHED, 'prefect:')}`]);
    expect(findings[0]!.message).toBe('the Prefect UI of prefect calls its API at http://0.0.0.0:4200/api (the fallback: no PREFECT_UI_API_URL, no PREFECT_API_URL)');
    expect(findings[0]!.fix).toBe('PREFECT_UI_API_URL: "http://<the name people open>:4200/api"');
    const loopback = PUBLISHED.replace('"4200:4200"', '"127.0.0.1:4200:4200"');
    expect(run(prefectUiApiUrl, { 'docker-compose.yml': loopback })[0]!.fix).toBe('PREFECT_UI_API_URL: "http://localhost:4200/api"');
  });

  it('passes a published server with its UI API URL set, and one with the UI off', () => {
    expect(run(prefectUiApiUrl, { 'docker-compose.yml': `${PUBLISHED}    environment:\n      PREFECT_UI_API_URL: http://localhost:4200/api\n` })).toEqual([]);
    expect(run(prefectUiApiUrl, { 'docker-compose.yml': `${PUBLISHED}    environment:\n      PREFECT_SERVER_UI_ENABLED: "false"\n` })).toEqual([]);
  });

  it('says nothing about the UI API URL of a server behind a proxy whose UI is off', () => {
    const compose = edit(GOOD_COMPOSE, '      PREFECT_UI_API_URL: http://prefect.localtest.me:8080/api\n', '      PREFECT_UI_ENABLED: "false"\n');
    expect(run(prefectUiApiUrl, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});

describe('prefect-ui-api-url behind Caddy with an environment placeholder for the host', () => {
  const caddyfile = '{$PREFECT_HOST} {\n\treverse_proxy prefect-server:4200\n}\n';
  const compose = (env: string) => `services:\n  caddy:\n    image: caddy:2.11.4-alpine\n    ports: ["443:443"]\n${env}    volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]\n  prefect-server:\n    image: prefecthq/prefect:3.8.3-python3.12\n    command: prefect server start --host 0.0.0.0\n`;

  it("fills the host in from the Caddy service's environment", () => {
    const findings = run(prefectUiApiUrl, { 'docker-compose.yml': compose('    environment:\n      PREFECT_HOST: prefect.example.com\n'), Caddyfile: caddyfile });
    expect(findings[0]!.fix).toBe('PREFECT_UI_API_URL: "https://prefect.example.com/api"');
  });

  it('never prints the placeholder (lowercased or not) when nothing fills it in', () => {
    const findings = run(prefectUiApiUrl, { 'docker-compose.yml': compose(''), Caddyfile: caddyfile });
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toMatch(/\{\$|prefect_host|unknown\.invalid/i);
    expect(findings[0]!.fix).toBe('PREFECT_UI_API_URL: "https://<public-ui-host>/api"');
  });
});
