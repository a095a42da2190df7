import { describe, expect, it } from 'vitest';
import { nginxApiWebsocket } from '../../../src/doctor/checks/nginxApiWebsocket.js';
import { brief, edit, goodStack, GOOD_COMPOSE, GOOD_NGINX, lineOf, run } from '../helpers.js';

const bare = edit(
  GOOD_NGINX,
  '      proxy_http_version 1.1;\n      proxy_set_header Upgrade $http_upgrade;\n      proxy_set_header Connection $connection_upgrade;\n',
  '      proxy_set_header Host $host;\n',
);

describe('nginx-api-websocket', () => {
  it('reports /api without Upgrade/Connection headers (and HTTP/1.1 on nginx 1.28)', () => {
    const findings = run(nginxApiWebsocket, goodStack({ 'nginx.conf': bare }));
    expect(brief(findings)).toEqual([`error nginx-api-websocket nginx.conf:${lineOf(bare, 'location /api/')}`]);
    expect(findings[0]!.fix).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(findings[0]!.fix).toContain('proxy_http_version 1.1;');
  });

  it('does not ask for proxy_http_version on nginx 1.29.7+, where 1.1 is the default', () => {
    const compose = edit(GOOD_COMPOSE, 'nginx:1.28-alpine', 'nginx:1.29.7-alpine');
    const findings = run(nginxApiWebsocket, goodStack({ 'nginx.conf': bare, 'docker-compose.yml': compose }));
    expect(findings[0]!.fix).not.toContain('proxy_http_version');
  });

  it('knows that one proxy_set_header in a location drops the inherited ones', () => {
    const inherited = edit(bare, '    server_name prefect.localtest.me;\n', '    server_name prefect.localtest.me;\n    proxy_http_version 1.1;\n    proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection "upgrade";\n');
    expect(run(nginxApiWebsocket, goodStack({ 'nginx.conf': inherited }))).toHaveLength(1);
    const inheritedOnly = edit(inherited, '      proxy_set_header Host $host;\n', '');
    expect(run(nginxApiWebsocket, goodStack({ 'nginx.conf': inheritedOnly }))).toEqual([]);
  });

  it('passes a location with the upgrade headers', () => {
    expect(run(nginxApiWebsocket, goodStack())).toEqual([]);
  });
});
