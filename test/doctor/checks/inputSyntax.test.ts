import { describe, expect, it } from 'vitest';
import { inputSyntax } from '../../../src/doctor/checks/inputSyntax.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_NGINX, lineOf, run } from '../helpers.js';

describe('input-syntax', () => {
  it('reports invalid YAML with its line', () => {
    const compose = 'services:\n  web:\n    image: nginx\n   ports: [80]\n';
    const findings = run(inputSyntax, { 'docker-compose.yml': compose });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ id: 'input-syntax', severity: 'error', file: 'docker-compose.yml' });
    expect(findings[0]!.line).toBe(4);
  });

  it('reports an unterminated nginx directive and a broken TOML config with their lines', () => {
    const nginx = edit(GOOD_NGINX, 'rd=$request_uri;', 'rd=$request_uri');
    const cfg = edit(GOOD_CFG, 'client_id = "prefect"', 'client_id = prefect');
    const findings = run(inputSyntax, goodStack({ 'nginx.conf': nginx, 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings).sort()).toEqual([`error input-syntax nginx.conf:${lineOf(nginx, 'return 302')}`, 'error input-syntax oauth2-proxy.cfg:3']);
    expect(findings.find((f) => f.file === 'nginx.conf')!.message).toContain('"return" is not terminated by ";"');
  });

  it('reports a broken .env line', () => {
    const findings = run(inputSyntax, goodStack({ '.env': 'GOOD=1\nBAD KEY=2\n' }));
    expect(brief(findings)).toEqual(['error input-syntax .env:2']);
  });

  it('passes well-formed files', () => {
    expect(run(inputSyntax, goodStack())).toEqual([]);
  });
});
