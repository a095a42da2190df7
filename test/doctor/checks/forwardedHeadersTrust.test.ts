import { describe, expect, it } from 'vitest';
import { forwardedHeadersTrust } from '../../../src/doctor/checks/forwardedHeadersTrust.js';
import { brief, goodStack, GOOD_CFG, lineOf, run } from '../helpers.js';

const TRAEFIK = `services:
  traefik:
    image: traefik:v3.7
  oauth2-proxy:
    image: quay.io/oauth2-proxy/oauth2-proxy:v7.15.3
    labels:
      - traefik.http.middlewares.sso.forwardauth.address=http://oauth2-proxy:4180/oauth2/auth
      - traefik.http.middlewares.sso.forwardauth.trustForwardHeader=true
`;

describe('forwarded-headers-trust', () => {
  it('reports reverse_proxy + skip_auth_routes without trusted_proxy_ips (spoofable X-Forwarded-Uri)', () => {
    const cfg = `${GOOD_CFG}skip_auth_routes = ["GET=^/api/health$"]\n`;
    const findings = run(forwardedHeadersTrust, goodStack({ 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual(['error forwarded-headers-trust oauth2-proxy.cfg:7']);
    expect(findings[0]!.fix).toContain('trusted_proxy_ips = ["172.16.0.0/12"]');
  });

  it("warns about Traefik's trustForwardHeader on a forwardAuth middleware", () => {
    const findings = run(forwardedHeadersTrust, { 'docker-compose.yml': TRAEFIK });
    expect(brief(findings)).toEqual([`warning forwarded-headers-trust docker-compose.yml:${lineOf(TRAEFIK, 'trustForwardHeader')}`]);
  });

  it('passes skip routes with trusted_proxy_ips, and reverse_proxy without skip routes', () => {
    const cfg = `${GOOD_CFG}skip_auth_routes = ["GET=^/api/health$"]\ntrusted_proxy_ips = ["172.18.0.0/16"]\n`;
    expect(run(forwardedHeadersTrust, goodStack({ 'oauth2-proxy.cfg': cfg }))).toEqual([]);
    expect(run(forwardedHeadersTrust, goodStack())).toEqual([]);
  });
});
