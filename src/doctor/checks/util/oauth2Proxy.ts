/** Where an oauth2-proxy instance is reachable from the browser, and what its callback URL must be. */
import type { OAuth2ProxyInstance, StackModel } from '../../load/model.js';
import type { SourcePosition } from '../../types.js';
import { publicRoutes, routeOrigins, routesTo } from './routes.js';
import { settingBool, settingText } from './stack.js';

export function proxyPrefix(instance: OAuth2ProxyInstance): string {
  return (settingText(instance, 'proxy_prefix') ?? '/oauth2').replace(/\/+$/, '') || '/oauth2';
}

export interface PublicOrigin {
  scheme: string;
  host: string;
  port: number;
  /** The proxy line that routes it. */
  at: SourcePosition;
}

/** Browser-visible origins where the proxy forwards `<prefix>/…` to this oauth2-proxy. */
export function oauth2PublicOrigins(model: StackModel, instance: OAuth2ProxyInstance): PublicOrigin[] {
  if (!instance.service) return [];
  const prefix = proxyPrefix(instance);
  const seen = new Set<string>();
  const out: PublicOrigin[] = [];
  for (const route of publicRoutes(model)) {
    if (!routesTo(model, route, instance.service)) continue;
    const path = route.path.replace(/\/+$/, '');
    if (!(path === '' || prefix.startsWith(path) || path.startsWith(prefix))) continue;
    for (const origin of routeOrigins(route)) {
      const key = `${origin.scheme}://${origin.host}:${origin.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...origin, at: route.at });
    }
  }
  return out;
}

export function originText(o: { scheme: string; host: string; port: number }): string {
  const fallback = o.scheme === 'https' ? 443 : 80;
  return `${o.scheme}://${o.host}${o.port === fallback ? '' : `:${o.port}`}`;
}

/**
 * An instance that only checks bearer tokens and signs nobody in: no client
 * secret (`client_secret_file = "/dev/null"`) and bearer tokens as sessions.
 * Redirect and cookie rules of a sign-in do not apply to it.
 */
export function signsNobodyIn(instance: OAuth2ProxyInstance): boolean {
  return settingText(instance, 'client_secret_file')?.trim() === '/dev/null' && settingBool(instance, 'skip_jwt_bearer_tokens', false);
}
