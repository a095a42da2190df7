/** The realm's client must list exactly oauth2-proxy's redirect_url. */
import type { RenderedView, RenderFinding } from '../../types.js';
import { realm } from './realm.js';

export function validateRealm(rendered: RenderedView): RenderFinding[] {
  const file = realm(rendered.plan.spec, rendered.plan.urls).file;
  const cfg = rendered.parsed('oauth2-proxy/oauth2-proxy.cfg') as Record<string, unknown> | undefined;
  const json = rendered.parsed(file) as { clients: { redirectUris: string[] }[] } | undefined;
  if (cfg && json && JSON.stringify(json.clients[0]?.redirectUris) !== JSON.stringify([cfg.redirect_url])) {
    return [{ file, message: 'redirect URI differs from oauth2-proxy redirect_url' }];
  }
  return [];
}
