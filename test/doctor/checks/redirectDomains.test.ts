import { describe, expect, it } from 'vitest';
import { redirectDomains } from '../../../src/doctor/checks/redirectDomains.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

describe('redirect-domains', () => {
  it('reports cookie domains that do not cover the redirect host (error)', () => {
    const cfg = edit(GOOD_CFG, 'cookie_secure = false', 'cookie_secure = false\ncookie_domains = [".example.com"]');
    const findings = run(redirectDomains, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['error redirect-domains oauth2-proxy.cfg:11']);
  });

  it("warns, not errs, when the uncovered entry is no valid cookie domain: Go drops it and the cookie stays host-only", () => {
    const cfg = edit(GOOD_CFG, 'cookie_secure = false', 'cookie_secure = false\ncookie_domains = ["prefect.localtest.me:8080"]');
    const findings = run(redirectDomains, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['warning redirect-domains oauth2-proxy.cfg:11']);
    expect(findings[0]!.message).toContain('is not a valid cookie domain, so Go drops it and the cookie stays host-only');
  });

  it('warns that cookie domains never match a sign-in host with a port (oauth2-proxy compares host:port)', () => {
    const cfg = edit(GOOD_CFG, 'cookie_secure = false', 'cookie_secure = false\ncookie_domains = ["prefect.localtest.me"]');
    const findings = run(redirectDomains, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['warning redirect-domains oauth2-proxy.cfg:11']);
    expect(findings[0]!.message).toContain('prefect.localtest.me:8080');
    expect(findings[0]!.fix).toContain('remove cookie_domains');
  });

  it('warns about a whitelist entry without the non-default port', () => {
    const cfg = edit(GOOD_CFG, 'whitelist_domains = ["prefect.localtest.me:8080"]', 'whitelist_domains = ["prefect.localtest.me"]');
    const findings = run(redirectDomains, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['warning redirect-domains oauth2-proxy.cfg:11']);
    expect(findings[0]!.message).toContain('an entry without a port allows only ports 80 and 443');
    expect(findings[0]!.fix).toBe('whitelist_domains = ["prefect.localtest.me:8080"]');
  });

  it('accepts subdomain and any-port entries', () => {
    const cfg = edit(GOOD_CFG, 'whitelist_domains = ["prefect.localtest.me:8080"]', 'whitelist_domains = [".localtest.me:*"]');
    expect(run(redirectDomains, goodStack({ 'oauth2-proxy.cfg': cfg }))).toEqual([]);
  });

  it('passes domains that cover the redirect host', () => {
    expect(run(redirectDomains, goodStack())).toEqual([]);
  });
});
