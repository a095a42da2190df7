import { describe, expect, it } from 'vitest';
import { redirectUrlMissing } from '../../../src/doctor/checks/redirectUrlMissing.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

const noRedirect = edit(GOOD_CFG, 'redirect_url = "http://prefect.localtest.me:8080/oauth2/callback"\n', '');

describe('redirect-url-missing', () => {
  it('is an error when cookie_secure (default on) would force https on an http stack', () => {
    const cfg = edit(noRedirect, 'cookie_secure = false\n', '');
    const findings = run(redirectUrlMissing, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['error redirect-url-missing oauth2-proxy.cfg']);
    expect(findings[0]!.fix).toBe('redirect_url = "http://prefect.localtest.me:8080/oauth2/callback"');
  });

  it('is a warning when nothing forces the scheme', () => {
    const findings = run(redirectUrlMissing, goodStack({ 'oauth2-proxy.cfg': noRedirect }));
    expect(brief(findings)).toEqual(['warning redirect-url-missing oauth2-proxy.cfg']);
  });

  it('passes an explicit redirect URL', () => {
    expect(run(redirectUrlMissing, goodStack())).toEqual([]);
  });
});
