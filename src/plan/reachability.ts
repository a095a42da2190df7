import type { Spec } from '../spec/schema.js';
import type { Reachability } from './types.js';
import type { Urls } from './urls.js';

/**
 * Every URL a browser or a container uses, and who answers it. The browser
 * reaches *.localtest.me at 127.0.0.1 on the published port; containers reach
 * the same names through nginx's network aliases on the same port. Tests check
 * each entry against the rendered compose file, so this is a claim, not a hope.
 */
export function planReachability(spec: Spec, urls: Urls): Reachability[] {
  const port = spec.hosts.port;
  const viaProxy = (url: string, caller: string): Reachability => ({
    url,
    caller,
    service: 'nginx',
    port,
    how:
      caller === 'browser'
        ? `${new URL(url).hostname} resolves to 127.0.0.1 (localtest.me by public DNS, *.localhost in the browser); nginx is published on ${spec.hosts.bind}:${port}`
        : `${new URL(url).hostname} is a network alias of nginx; nginx listens on ${port} inside too`,
  });
  return [
    viaProxy(urls.ui, 'browser'),
    viaProxy(urls.uiApi, 'browser'),
    viaProxy(urls.redirect, 'browser'),
    viaProxy(urls.issuer, 'browser'),
    viaProxy(urls.machineApi, 'browser'),
    viaProxy(urls.keycloakAdmin, 'browser'),
    // oauth2-proxy's discovery, token and JWKS calls all go to the issuer's host.
    viaProxy(`${urls.issuer}/.well-known/openid-configuration`, 'oauth2-proxy'),
    viaProxy(urls.issuer, 'oauth2-proxy'),
  ];
}
