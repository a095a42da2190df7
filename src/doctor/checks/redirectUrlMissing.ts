/**
 * Without redirect_url, oauth2-proxy builds the callback from each request,
 * and with cookie_secure (the default) forces it to https: an http stack then
 * sends the identity provider a redirect URI it never registered.
 */
import { defineCheck } from './check.js';
import { oauth2PublicOrigins, originText, proxyPrefix, signsNobodyIn } from './util/oauth2Proxy.js';
import { instanceName, settingBool, settingHome, settingLine, settingText } from './util/stack.js';

const ID = 'redirect-url-missing';

export const redirectUrlMissing = defineCheck(
  {
    id: ID,
    title: 'oauth2-proxy has an explicit redirect URL',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.length > 0,
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      if (settingText(instance, 'redirect_url')?.trim() || settingBool(instance, 'relative_redirect_url', false) || signsNobodyIn(instance)) continue;
      const origins = oauth2PublicOrigins(model, instance);
      const origin = origins[0];
      const callback = `${origin ? originText(origin) : 'https://<public-host>'}${proxyPrefix(instance)}/callback`;
      const secure = settingBool(instance, 'cookie_secure', true);
      const forcedHttps = secure && origins.some((o) => o.scheme === 'http');
      report.add(forcedHttps ? 'error' : 'warning', settingHome(model, instance), {
        message: `${instanceName(instance)} sets no redirect_url${forcedHttps ? `, and with cookie_secure on it will send https://…${proxyPrefix(instance)}/callback while the stack is served over http` : ''}`,
        why: forcedHttps
          ? 'the identity provider rejects the redirect URI (Keycloak: "Invalid parameter: redirect_uri"; Entra: AADSTS50011)'
          : 'the callback is then derived from each request’s Host and scheme, and the identity provider must have exactly that URL registered',
        fix: settingLine(instance, 'redirect_url', JSON.stringify(callback)),
      });
    }
  },
);
