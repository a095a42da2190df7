/** Which nginx locations proxy to a Prefect server, and which nginx version runs them. */
import type { StackModel } from '../../load/model.js';
import { imageTag } from '../../load/roles.js';
import { locationFor, nginxServers, proxyTarget, type NginxLocation, type NginxServer } from './nginx.js';
import { service } from './stack.js';
import { parseUrl } from './urls.js';

export function isPrefectUpstream(model: StackModel, url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  const host = parsed.host.toLowerCase();
  const servers = model.prefect.services.filter((p) => p.serves).map((p) => service(model, p.service)!);
  if (servers.some((s) => s.name.toLowerCase() === host || s.networks.some((n) => n.aliases.some((a) => a.value.toLowerCase() === host)))) return true;
  return parsed.port === 4200;
}

/** Each nginx server whose location for Prefect's WebSocket endpoints proxies to Prefect, with that location. */
export function prefectApiLocations(model: StackModel): { server: NginxServer; location: NginxLocation }[] {
  return nginxServers(model).flatMap((server) => {
    const location = locationFor(server, '/api/events/out');
    const target = location && proxyTarget(server, location);
    return location && target && isPrefectUpstream(model, target.url) ? [{ server, location }] : [];
  });
}

/** nginx version from the image tag of the service that mounts this config (`1.28-alpine` -> [1, 28]). */
export function nginxVersion(model: StackModel, server: NginxServer): number[] | undefined {
  const s = service(model, server.config.services[0]);
  const tag = s ? imageTag(s) : undefined;
  const match = tag ? /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag) : null;
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

export function versionBelow(version: number[], floor: number[]): boolean {
  for (let i = 0; i < floor.length; i++) {
    const a = version[i] ?? 0;
    const b = floor[i]!;
    if (a !== b) return a < b;
  }
  return false;
}
