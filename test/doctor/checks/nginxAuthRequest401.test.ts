import { describe, expect, it } from 'vitest';
import { nginxAuthRequest401 } from '../../../src/doctor/checks/nginxAuthRequest401.js';
import { brief, edit, goodStack, GOOD_NGINX, lineOf, run } from '../helpers.js';

describe('nginx-auth-request-401', () => {
  it('reports a UI location with auth_request and no error_page 401', () => {
    const nginx = edit(GOOD_NGINX, '      error_page 401 = @signin;\n', '');
    const findings = run(nginxAuthRequest401, goodStack({ 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`error nginx-auth-request-401 nginx.conf:${lineOf(nginx, 'location / {')}`]);
  });

  it('reports a location whose own error_page drops the inherited 401 handler', () => {
    let nginx = edit(GOOD_NGINX, '      error_page 401 = @signin;\n', '      error_page 502 /502.html;\n');
    nginx = edit(nginx, '    server_name prefect.localtest.me;\n', '    server_name prefect.localtest.me;\n    error_page 401 = @signin;\n');
    expect(run(nginxAuthRequest401, goodStack({ 'nginx.conf': nginx }))).toHaveLength(1);
  });

  it('passes error_page 401 here or inherited, and leaves /api (which should answer 401) alone', () => {
    expect(run(nginxAuthRequest401, goodStack())).toEqual([]);
    const nginx = edit(edit(GOOD_NGINX, '      error_page 401 = @signin;\n', ''), '    server_name prefect.localtest.me;\n', '    server_name prefect.localtest.me;\n    error_page 401 = @signin;\n');
    expect(run(nginxAuthRequest401, goodStack({ 'nginx.conf': nginx }))).toEqual([]);
  });
});
