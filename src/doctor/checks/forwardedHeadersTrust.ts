/**
 * Forwarded headers decide what oauth2-proxy authenticates. With
 * reverse_proxy on and no trusted_proxy_ips, every client counts as a
 * trusted proxy (CVE-2026-40575, CVE-2026-76835): a forged X-Forwarded-Uri
 * then matches skip_auth_routes and skips sign-in. Traefik's forwardAuth
 * with trustForwardHeader passes clients' own X-Forwarded-* to the auth server.
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingBool, settingHome, settingLine, settingList, valuePosition } from './util/stack.js';

const ID = 'forwarded-headers-trust';

export const forwardedHeadersTrust = defineCheck(
  {
    id: ID,
    title: 'Forwarded headers are trusted only from the proxy',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => settingBool(o, 'reverse_proxy', false)) || model.traefik.middlewares.some((m) => m.kind.toLowerCase() === 'forwardauth'),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      if (!settingBool(instance, 'reverse_proxy', false) || settingList(instance, 'trusted_proxy_ips').length > 0) continue;
      const skips = ['skip_auth_routes', 'skip_auth_regex'].map((k) => setting(instance, k)).filter((s) => s !== undefined && settingList(instance, s.key).length > 0);
      if (skips.length === 0) continue;
      const reverse = setting(instance, 'reverse_proxy');
      report.error(reverse ? valuePosition(reverse) : settingHome(model, instance), {
        message: `${instanceName(instance)} trusts X-Forwarded-* from any client (reverse_proxy without trusted_proxy_ips) and skips sign-in for ${skips.map((s) => s!.name).join(' and ')}`,
        why: 'a client can send X-Forwarded-Uri naming a skipped path and reach a protected one without signing in (CVE-2026-40575; 7.15.2-7.15.4 still trust everyone by default)',
        fix: `${settingLine(instance, 'trusted_proxy_ips', '["172.16.0.0/12"]')} (the address range of the proxy's Docker network; narrower is better)`,
      });
    }
    for (const middleware of model.traefik.middlewares) {
      if (middleware.kind.toLowerCase() !== 'forwardauth') continue;
      const trust = middleware.options.get('trustforwardheader');
      if (!trust || !/^true$/i.test(trust.value)) continue;
      report.warning(trust.at, {
        message: `forwardAuth middleware "${middleware.name}" sets trustForwardHeader, so Traefik passes the client's own X-Forwarded-* headers to the auth server`,
        why: 'the auth server then decides on a host and path the client chose; the option is deprecated',
        fix: 'remove trustForwardHeader and list the real upstream proxies in the entry point: entryPoints.<name>.forwardedHeaders.trustedIPs',
      });
    }
  },
);
