/**
 * cookie_domains: a request host no domain covers gets a cookie for the last
 * (shortest) domain, which the browser rejects. oauth2-proxy matches the
 * entries against the request host *with* its port (GetCookieDomain in
 * pkg/cookies/cookies.go), so on a non-default port no entry ever matches. whitelist_domains: an
 * absolute post-sign-in redirect must match host and port (no port in the
 * entry allows only the default ports; `:*` any).
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingLine, settingList, settingText, valuePosition } from './util/stack.js';
import { parseUrl } from './util/urls.js';

const ID = 'redirect-domains';

/**
 * Go's net/http writes a cookie's Domain only when it is a valid domain name
 * (isCookieDomainName: letters, digits, `-`, `_`, `.`; no port) or an IP; an
 * invalid one is dropped with a log line, and the cookie is host-only.
 */
function goKeepsDomain(domain: string): boolean {
  const name = domain.replace(/^\./, '');
  return name.length > 0 && name.length <= 255 && /^[A-Za-z0-9_.-]+$/.test(name) && !name.endsWith('.') && !name.includes('..');
}

function whitelisted(entry: string, host: string, port: string): boolean {
  const match = /^(.*?)(?::(\d+|\*))?$/.exec(entry.trim());
  const allowedHost = match?.[1] ?? '';
  const allowedPort = match?.[2] ?? '';
  const hostOk = host === allowedHost.replace(/^\*?\./, '') || ((allowedHost.startsWith('.') || allowedHost.startsWith('*.')) && host.endsWith(allowedHost.replace(/^\*/, '')));
  return hostOk && (allowedPort === '*' || allowedPort === port);
}

export const redirectDomains = defineCheck(
  {
    id: ID,
    title: 'Cookie and whitelist domains cover the redirect host',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => settingText(o, 'redirect_url') !== undefined),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const url = parseUrl(settingText(instance, 'redirect_url'));
      if (!url) continue;
      const host = url.host.toLowerCase();
      const cookieDomains = settingList(instance, 'cookie_domains');
      const cookieSetting = setting(instance, 'cookie_domains');
      const uncovered = cookieSetting && cookieDomains.length > 0 && !cookieDomains.some((d) => host.endsWith(d.toLowerCase().replace(/^\*/, '')));
      if (uncovered && !goKeepsDomain(cookieDomains.at(-1)!)) {
        // oauth2-proxy falls back to the last entry; Go drops it as invalid, so the cookie is host-only and sign-in works.
        report.warning(valuePosition(cookieSetting), {
          message: `${instanceName(instance)} sets cookie_domains ${cookieDomains.join(', ')}: none covers ${host}, and ${cookieDomains.at(-1)} is not a valid cookie domain, so Go drops it and the cookie stays host-only`,
          why: 'sign-in works, but the setting does nothing and oauth2-proxy logs a warning for every cookie it sets',
          fix: `remove cookie_domains (a host-only cookie for ${host} is what the UI needs)`,
        });
      } else if (uncovered) {
        report.error(valuePosition(cookieSetting), {
          message: `${instanceName(instance)} sets cookie_domains ${cookieDomains.join(', ')}, none of which covers ${host} (the redirect host)`,
          why: 'oauth2-proxy then sets the cookie for a domain the browser is not on, the browser drops it, and sign-in loops',
          fix: settingLine(instance, 'cookie_domains', JSON.stringify([host])),
        });
      } else if (cookieSetting && cookieDomains.length > 0 && url.explicitPort !== undefined) {
        report.warning(valuePosition(cookieSetting), {
          message: `${instanceName(instance)} sets cookie_domains, but its sign-in host carries a port (${host}:${url.explicitPort}) and oauth2-proxy compares the entries with host and port together: none matches`,
          why: 'oauth2-proxy then logs a warning for every cookie it sets and falls back to the last entry',
          fix: `remove cookie_domains (a host-only cookie for ${host} is what the UI needs)`,
        });
      }
      const whitelist = settingList(instance, 'whitelist_domains');
      const whitelistSetting = setting(instance, 'whitelist_domains');
      const port = url.explicitPort !== undefined ? String(url.explicitPort) : '';
      if (whitelistSetting && whitelist.length > 0 && !whitelist.some((d) => whitelisted(d.toLowerCase(), host, port))) {
        report.warning(valuePosition(whitelistSetting), {
          message: `${instanceName(instance)} whitelists ${whitelist.join(', ')}, which does not allow ${host}${port ? `:${port}` : ''}${port && whitelist.some((d) => d.toLowerCase() === host) ? ' (an entry without a port allows only ports 80 and 443)' : ''}`,
          why: 'after sign-in oauth2-proxy refuses to send people back to the page they asked for and lands them on "/"',
          fix: settingLine(instance, 'whitelist_domains', JSON.stringify([`${host}${port ? `:${port}` : ''}`])),
        });
      }
    }
  },
);
