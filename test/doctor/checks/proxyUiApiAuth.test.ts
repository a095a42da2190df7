import { describe, expect, it } from 'vitest';
import { proxyUiApiAuth } from '../../../src/doctor/checks/proxyUiApiAuth.js';
import { brief, edit, goodStack, GOOD_NGINX, lineOf, run } from '../helpers.js';

const TRAEFIK = `services:
  traefik:
    image: traefik:v3.7
    command: ["--entrypoints.web.address=:80", "--providers.docker=true"]
    ports: ["80:80"]
  prefect-server:
    image: prefecthq/prefect:3.8.3-python3.12
    command: prefect server start
    labels:
      - traefik.http.routers.ui.rule=Host(\`prefect.example.com\`)
      - traefik.http.routers.ui.middlewares=sso
      - traefik.http.routers.api.rule=Host(\`prefect.example.com\`) && PathPrefix(\`/api\`)
      - traefik.http.services.prefect.loadbalancer.server.port=4200
  oauth2-proxy:
    image: quay.io/oauth2-proxy/oauth2-proxy:v7.15.3
    labels:
      - traefik.http.middlewares.sso.forwardauth.address=http://oauth2-proxy:4180/oauth2/auth
`;

describe('proxy-ui-api-auth', () => {
  it('reports an unprotected /api location on the SSO host', () => {
    const nginx = edit(GOOD_NGINX, '    location /api/ {\n      auth_request /oauth2/auth;\n', '    location /api/ {\n');
    const findings = run(proxyUiApiAuth, goodStack({ 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`error proxy-ui-api-auth nginx.conf:${lineOf(nginx, 'location /api/')}`]);
    expect(findings[0]!.message).toBe('on prefect.localtest.me, the UI is behind SSO but /api/ is not protected at all');
  });

  it('reports /api behind basic auth on the SSO host (the browser UI then gets 401s)', () => {
    const nginx = edit(GOOD_NGINX, '    location /api/ {\n      auth_request /oauth2/auth;\n', '    location /api/ {\n      auth_request off;\n      auth_basic "Prefect";\n      auth_basic_user_file /etc/nginx/htpasswd;\n');
    const findings = run(proxyUiApiAuth, goodStack({ 'nginx.conf': nginx }));
    expect(findings[0]!.message).toContain('accepts only basic-auth credentials');
  });

  it('reports a Traefik API router without the UI router’s forwardAuth', () => {
    const findings = run(proxyUiApiAuth, { 'docker-compose.yml': TRAEFIK });
    expect(brief(findings)).toEqual([`error proxy-ui-api-auth docker-compose.yml:${lineOf(TRAEFIK, 'routers.api.rule')}`]);
  });

  it('passes /api behind the same auth_request, and a Traefik API router with the middleware', () => {
    expect(run(proxyUiApiAuth, goodStack())).toEqual([]);
    const traefik = edit(TRAEFIK, '      - traefik.http.services.prefect', '      - traefik.http.routers.api.middlewares=sso@docker\n      - traefik.http.services.prefect');
    expect(run(proxyUiApiAuth, { 'docker-compose.yml': traefik })).toEqual([]);
  });
});
