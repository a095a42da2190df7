/** Parts both pictures draw the same way: the browser, hosts, networks with their services, and data connections. */
import type { Connection } from './connections.js';
import { groupKey, nodeKey, type PictureBuilder } from './picture.js';

export const BROWSER = nodeKey.actor('browser');

/** `host[:port]` of a URL as clients address it (the scheme's own port left out). */
export function authorityOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

export function publishedText(bindings: string[]): string {
  return bindings.length > 0 ? `published on ${bindings.join(', ')}` : '';
}

export interface PictureService {
  name: string;
  title?: string;
  /** Networks it joins, its home network (where it is drawn) first. */
  networks: string[];
  /** `address:port` it is published on. */
  published: string[];
  /** Holds data (a database, Redis): drawn as a cylinder. */
  data?: boolean;
}

/**
 * One group per network (internal ones dashed); each service drawn in the
 * first network it joins and naming the others. A network no service calls
 * home says who joins it, so every network is on the picture.
 */
export function addNetworks(b: PictureBuilder, networks: { name: string; internal: boolean }[], services: PictureService[]): void {
  for (const network of networks) b.group(groupKey.network(network.name), `network ${network.name}${network.internal ? ' · internal' : ''}`, network.internal);
  const known = new Set(networks.map((n) => n.name));
  for (const service of services) {
    const home = service.networks.find((n) => known.has(n));
    const others = service.networks.filter((n) => n !== home);
    const lines = [service.name, service.title && service.title.toLowerCase() !== service.name.toLowerCase() ? service.title : '', others.length > 0 ? `also on ${others.join(', ')}` : '', publishedText(service.published)];
    b.node(nodeKey.service(service.name), lines.filter(Boolean), service.data ? 'database' : 'service', home ? groupKey.network(home) : undefined);
  }
  for (const network of networks) {
    if (services.some((s) => s.networks.find((n) => known.has(n)) === network.name)) continue;
    const members = services.filter((s) => s.networks.includes(network.name)).map((s) => s.name);
    b.node(`note:network:${network.name}`, [members.length > 0 ? `joined by ${members.join(', ')}` : 'no service joins it', ...(network.internal ? [] : ['a way out'])], 'note', groupKey.network(network.name));
  }
}

/** Each service's configured database and Redis: a service of the stack, a host outside it, or a SQLite file. */
export function addConnections(
  b: PictureBuilder,
  services: { name: string; connections: Connection[]; group?: string }[],
  resolve: (host: string) => string | undefined,
  drawn: (service: string) => string = nodeKey.service,
): void {
  for (const service of services) {
    const from = drawn(service.name);
    for (const connection of service.connections) {
      if (connection.file !== undefined) {
        const file = b.node(`file:${service.name}`, ['SQLite file', connection.file], 'database', service.group);
        b.link(from, file, { label: connection.what });
        continue;
      }
      const inside = resolve(connection.host!);
      const to = inside ? drawn(inside) : b.node(nodeKey.outside(connection.host!), [connection.host!, `${connection.what}, outside the stack`], 'database');
      b.link(from, to, { label: connection.what });
    }
  }
}
