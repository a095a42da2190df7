import { describe, expect, it } from 'vitest';
import { nginxPrefectKeepalive } from '../../../src/doctor/checks/nginxPrefectKeepalive.js';
import { brief, edit, goodStack, GOOD_COMPOSE, GOOD_NGINX, lineOf, run } from '../helpers.js';

/** GOOD_NGINX with Prefect behind an upstream block holding `lines`. */
function withUpstream(lines: string): string {
  const upstream = `  upstream prefect {\n    server prefect-server:4200;\n${lines}  }\n`;
  return edit(GOOD_NGINX, 'http {\n', `http {\n${upstream}`).split('proxy_pass http://prefect-server:4200;').join('proxy_pass http://prefect;');
}

const nginxImage = (tag: string) => edit(GOOD_COMPOSE, 'nginx:1.28-alpine', `nginx:${tag}`);

describe('nginx-prefect-keepalive', () => {
  it("warns when an explicit keepalive holds idle connections for nginx's default 60s", () => {
    const nginx = withUpstream('    keepalive 16;\n');
    const findings = run(nginxPrefectKeepalive, goodStack({ 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`warning nginx-prefect-keepalive nginx.conf:${lineOf(nginx, 'keepalive 16')}`]);
    expect(findings[0]!.message).toContain('for 60s (nginx\'s default), the server closes them after 5s');
    expect(findings[0]!.fix).toContain('keepalive_timeout 4s;');
  });

  it('warns on nginx 1.29.7 and later, which keep upstream connections alive by default', () => {
    const nginx = withUpstream('');
    const findings = run(nginxPrefectKeepalive, goodStack({ 'nginx.conf': nginx, 'docker-compose.yml': nginxImage('1.30-alpine') }));
    expect(brief(findings)).toEqual([`warning nginx-prefect-keepalive nginx.conf:${lineOf(nginx, 'upstream prefect')}`]);
  });

  it('reads the server timeout from PREFECT_SERVER_API_KEEPALIVE_TIMEOUT and --keep-alive-timeout', () => {
    const nginx = withUpstream('    keepalive 16;\n    keepalive_timeout 30s;\n');
    const raised = edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST', '      PREFECT_SERVER_API_KEEPALIVE_TIMEOUT: "65"\n      PREFECT_SERVER_API_HOST');
    expect(run(nginxPrefectKeepalive, goodStack({ 'nginx.conf': nginx, 'docker-compose.yml': raised }))).toEqual([]);
    const findings = run(nginxPrefectKeepalive, goodStack({ 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`warning nginx-prefect-keepalive nginx.conf:${lineOf(nginx, 'keepalive_timeout 30s')}`]);
  });

  it('passes a keepalive_timeout below the server timeout, keepalive 0, an old nginx without keepalive, and no upstream block', () => {
    expect(run(nginxPrefectKeepalive, goodStack({ 'nginx.conf': withUpstream('    keepalive 16;\n    keepalive_timeout 4s;\n') }))).toEqual([]);
    expect(run(nginxPrefectKeepalive, goodStack({ 'nginx.conf': withUpstream('    keepalive 0;\n'), 'docker-compose.yml': nginxImage('1.30-alpine') }))).toEqual([]);
    expect(run(nginxPrefectKeepalive, goodStack({ 'nginx.conf': withUpstream('') }))).toEqual([]);
    expect(run(nginxPrefectKeepalive, goodStack())).toEqual([]);
  });
});
