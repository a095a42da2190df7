/**
 * cookie_secure (default true) marks the session cookie Secure: the browser
 * never sends it over http, so an http redirect URL gives a sign-in loop.
 */
import { defineCheck } from './check.js';
import { instanceName, setting, settingBool, settingLine, settingText, valuePosition } from './util/stack.js';
import { parseUrl } from './util/urls.js';

const ID = 'redirect-cookie-secure';

export const redirectCookieSecure = defineCheck(
  {
    id: ID,
    title: 'cookie_secure matches the redirect URL scheme',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => settingText(o, 'redirect_url') !== undefined),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const redirect = setting(instance, 'redirect_url');
      const url = parseUrl(settingText(instance, 'redirect_url'));
      if (!redirect || !url) continue;
      const secure = settingBool(instance, 'cookie_secure', true);
      const secureSetting = setting(instance, 'cookie_secure');
      if (url.scheme === 'http' && secure) {
        report.error(secureSetting ? valuePosition(secureSetting) : valuePosition(redirect), {
          message: `${instanceName(instance)} redirects to http (${redirect.name}) while cookie_secure is ${secureSetting ? 'on' : 'on by default'}`,
          why: 'the browser stores the session cookie as Secure and never sends it back over http: every request starts sign-in again',
          fix: `serve the stack over https and use an https redirect_url, or for a local http stack: ${settingLine(instance, 'cookie_secure', 'false')}`,
        });
      } else if (url.scheme === 'https' && !secure && secureSetting) {
        report.warning(valuePosition(secureSetting), {
          message: `${instanceName(instance)} serves https (${redirect.name}) but sets cookie_secure to false`,
          why: 'the session cookie may then travel over plain http and be stolen there',
          fix: settingLine(instance, 'cookie_secure', 'true'),
        });
      }
    }
  },
);
