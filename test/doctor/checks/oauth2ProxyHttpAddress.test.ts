import { describe, expect, it } from 'vitest';
import { oauth2ProxyHttpAddress } from '../../../src/doctor/checks/oauth2ProxyHttpAddress.js';
import { brief, edit, goodStack, GOOD_CFG, run } from '../helpers.js';

describe('oauth2-proxy-http-address', () => {
  it('reports the 127.0.0.1:4180 default when http_address is not set', () => {
    const findings = run(oauth2ProxyHttpAddress, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, 'http_address = "0.0.0.0:4180"\n', '') }));
    expect(brief(findings)).toEqual(['error oauth2-proxy-http-address oauth2-proxy.cfg']);
    expect(findings[0]!.fix).toBe('http_address = "0.0.0.0:4180"');
  });

  it('reports an explicit loopback address at its line', () => {
    const findings = run(oauth2ProxyHttpAddress, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, '0.0.0.0:4180', 'localhost:4180') }));
    expect(brief(findings)).toEqual(['error oauth2-proxy-http-address oauth2-proxy.cfg:6']);
  });

  it('passes 0.0.0.0, ":4180" and http://0.0.0.0:4180', () => {
    for (const address of ['0.0.0.0:4180', ':4180', 'http://0.0.0.0:4180']) {
      expect(run(oauth2ProxyHttpAddress, goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, '0.0.0.0:4180', address) }))).toEqual([]);
    }
  });
});
