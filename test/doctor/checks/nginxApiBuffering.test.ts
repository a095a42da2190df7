import { describe, expect, it } from 'vitest';
import { nginxApiBuffering } from '../../../src/doctor/checks/nginxApiBuffering.js';
import { brief, edit, goodStack, GOOD_NGINX, lineOf, run } from '../helpers.js';

describe('nginx-api-buffering', () => {
  it('warns when /api buffers (the default)', () => {
    const nginx = edit(GOOD_NGINX, '      proxy_buffering off;\n', '');
    expect(brief(run(nginxApiBuffering, goodStack({ 'nginx.conf': nginx })))).toEqual([`warning nginx-api-buffering nginx.conf:${lineOf(nginx, 'location /api/')}`]);
  });

  it('points at an explicit proxy_buffering on', () => {
    const nginx = edit(GOOD_NGINX, 'proxy_buffering off;', 'proxy_buffering on;');
    expect(brief(run(nginxApiBuffering, goodStack({ 'nginx.conf': nginx })))).toEqual([`warning nginx-api-buffering nginx.conf:${lineOf(nginx, 'proxy_buffering on')}`]);
  });

  it('passes proxy_buffering off', () => {
    expect(run(nginxApiBuffering, goodStack())).toEqual([]);
  });
});
