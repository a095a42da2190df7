import { describe, expect, it } from 'vitest';
import { traefikV2RuleSyntax, v2Constructs } from '../../../src/doctor/checks/traefikV2RuleSyntax.js';
import { brief, lineOf, run } from '../helpers.js';

const compose = (image: string, rule: string, extra = '') => `services:
  traefik:
    image: ${image}
    command: ["--entrypoints.web.address=:80"${extra}]
  app:
    image: prefecthq/prefect:3-latest
    labels:
      - "traefik.http.routers.app.rule=${rule}"
`;

describe('traefik-v2-rule-syntax', () => {
  it('names the v2 constructs', () => {
    expect(v2Constructs('Host(`a.example.com`, `b.example.com`)')).toEqual(['Host(…) with 2 values']);
    expect(v2Constructs('HostRegexp(`{sub:[a-z]+}.example.com`)')).toEqual(['a {name:regex} placeholder in HostRegexp(…)']);
    expect(v2Constructs("Headers(`X-A`, `b`)")).toEqual(['Headers(…) (v3: Header(…))']);
    expect(v2Constructs('Host(`a.example.com`) || Host(`b.example.com`)')).toEqual([]);
  });

  it('reports a multi-value Host() on Traefik v3', () => {
    const text = compose('traefik:v3.7', 'Host(`a.example.com`,`b.example.com`)');
    expect(brief(run(traefikV2RuleSyntax, { 'docker-compose.yml': text }))).toEqual([`error traefik-v2-rule-syntax docker-compose.yml:${lineOf(text, 'routers.app.rule')}`]);
  });

  it('passes v2 rules on Traefik v2 or with defaultRuleSyntax=v2, and v3 rules on v3', () => {
    expect(run(traefikV2RuleSyntax, { 'docker-compose.yml': compose('traefik:v2.11', 'Host(`a`,`b`)') })).toEqual([]);
    expect(run(traefikV2RuleSyntax, { 'docker-compose.yml': compose('traefik:v3.7', 'Host(`a`,`b`)', ', "--core.defaultRuleSyntax=v2"') })).toEqual([]);
    expect(run(traefikV2RuleSyntax, { 'docker-compose.yml': compose('traefik:v3.7', 'Host(`a`) || Host(`b`)') })).toEqual([]);
  });
});
