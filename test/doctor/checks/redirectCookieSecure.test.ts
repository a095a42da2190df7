import { describe, expect, it } from 'vitest';
import { redirectCookieSecure } from '../../../src/doctor/checks/redirectCookieSecure.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

describe('redirect-cookie-secure', () => {
  it('reports an http redirect URL with cookie_secure on by default, at the redirect line', () => {
    const findings = run(redirectCookieSecure, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, 'cookie_secure = false\n', '') }));
    expect(brief(findings)).toEqual(['error redirect-cookie-secure oauth2-proxy.cfg:4']);
    expect(findings[0]!.fix).toContain('cookie_secure = false');
  });

  it('reports cookie_secure = true written out with http, at that line', () => {
    const findings = run(redirectCookieSecure, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, 'cookie_secure = false', 'cookie_secure = true') }));
    expect(brief(findings)).toEqual(['error redirect-cookie-secure oauth2-proxy.cfg:10']);
  });

  it('warns about https with cookie_secure switched off', () => {
    const cfg = edit(GOOD_CFG, 'redirect_url = "http://', 'redirect_url = "https://');
    expect(brief(run(redirectCookieSecure, goodStack({ 'oauth2-proxy.cfg': cfg })))).toEqual(['warning redirect-cookie-secure oauth2-proxy.cfg:10']);
  });

  it('passes http with cookie_secure = false', () => {
    expect(run(redirectCookieSecure, goodStack())).toEqual([]);
  });
});
