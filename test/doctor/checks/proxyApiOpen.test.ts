import { describe, expect, it } from 'vitest';
import { proxyApiOpen } from '../../../src/doctor/checks/proxyApiOpen.js';
import { brief, edit, goodStack, GOOD_NGINX, run } from '../helpers.js';
import { renderLocal } from '../../helpers/stack.js';
import { doctorFindings } from '../../../src/validate/rendered.js';
import { PRESETS } from '../../../src/config/presets.js';

/** GOOD_NGINX with a machine host whose /api/ has `auth` (nothing: open). */
const withMachineHost = (auth: string) =>
  edit(GOOD_NGINX, "  server {\n    listen 8080;\n    server_name keycloak.localtest.me;", `  server {\n    listen 8080;\n    server_name prefect-api.localtest.me;\n    location /api/ {\n${auth}      proxy_pass http://prefect-server:4200;\n    }\n  }\n  server {\n    listen 8080;\n    server_name keycloak.localtest.me;`);

describe('proxy-api-open', () => {
  it('warns when the machine host proxies the Prefect API with no credential', () => {
    const findings = run(proxyApiOpen, goodStack({ 'nginx.conf': withMachineHost('') }));
    expect(brief(findings).map((f) => f.replace(/:\d+$/, ''))).toEqual(['warning proxy-api-open nginx.conf']);
    expect(findings[0]!.message).toMatch(/serves the Prefect API on prefect-api\.localtest\.me .*with no credential/);
  });

  it('is an error on a host outside the laptop (anyone on the network reaches it)', () => {
    const nginx = withMachineHost('').replace('server_name prefect-api.localtest.me;', 'server_name prefect-api.example.com;');
    expect(brief(run(proxyApiOpen, goodStack({ 'nginx.conf': nginx }))).map((f) => f.replace(/:\d+$/, ''))).toEqual(['error proxy-api-open nginx.conf']);
  });

  it('passes basic auth, SSO, and a server that checks its own auth string', () => {
    expect(run(proxyApiOpen, goodStack())).toEqual([]);
    expect(run(proxyApiOpen, goodStack({ 'nginx.conf': withMachineHost('      auth_basic "Prefect API";\n      auth_basic_user_file /etc/nginx/htpasswd;\n') }))).toEqual([]);
    const compose = goodStack({ 'nginx.conf': withMachineHost('') });
    const withAuthString = Object.fromEntries(
      Object.entries(compose).map(([path, text]) => [path, path === 'docker-compose.yml' ? String(text).replace('PREFECT_SERVER_API_HOST: 0.0.0.0', 'PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_SERVER_API_AUTH_STRING: ${AUTH}') : text]),
    );
    expect(run(proxyApiOpen, withAuthString)).toEqual([]);
  });

  it('finds the open API of a rendered machineAccess.type: none stack, which the render acknowledges', () => {
    const stack = renderLocal({ ...PRESETS.local, machineAccess: { type: 'none', users: ['ci'] } } as never);
    expect(stack.plan.acknowledgedChecks).toContain('proxy-api-open');
    expect(doctorFindings(stack.files).map((f) => f.message)).toEqual([expect.stringMatching(/^doctor warning proxy-api-open: nginx serves the Prefect API on prefect-api\.localtest\.me/)]);
  });
});
