/**
 * `doctor --diagram`: the picture of the stack doctor read, generated or
 * hand-written, drawn the way init draws the plan (src/diagram), with each
 * finding marked on what it concerns: the link of the route, setting or URL
 * line it names, else the service, proxy or file it sits in. A finding the
 * picture has no place for is listed in a note, so none goes unseen.
 */
import { PREFECT_HEALTH_PATH } from '../components/prefect/facts.js';
import { hostPort } from '../plan/urls.js';
import { connectionsOf } from '../diagram/connections.js';
import { CHECK_TEXT, gateText, type GateKind } from '../diagram/gates.js';
import { addConnections, addNetworks, BROWSER, publishedText } from '../diagram/parts.js';
import { groupKey, nodeKey, PictureBuilder, type Picture, type PictureLink } from '../diagram/picture.js';
import { publicRoutes, type PublicRoute } from './checks/util/routes.js';
import { servicesAnswering, settingText } from './checks/util/stack.js';
import { parseUrl } from './checks/util/urls.js';
import type { Service, StackModel } from './load/model.js';
import { is } from './load/roles.js';
import type { Finding, SourcePosition } from './types.js';

/** `host[:port]` as clients address it: the plan's own form, so both pictures name a host alike. */
const authority = (scheme: string, host: string, port: number) => hostPort(scheme === 'http' ? 'http' : 'https', host.toLowerCase(), port);
const where = (at: SourcePosition) => `${at.file}:${at.line ?? 0}`;

/** Every line a service's definition spans in the compose files: where a finding about it points. */
function servicePositions(s: Service): SourcePosition[] {
  return [
    s.at,
    ...(s.image ? [s.image.at] : []),
    ...s.command.map((c) => c.at),
    ...s.entrypoint.map((c) => c.at),
    ...[...s.environment.values()].flatMap((v) => [v.at, ...(v.valueAt ? [v.valueAt] : [])]),
    ...s.ports.map((p) => p.at),
    ...s.networks.flatMap((n) => [n.at, ...n.aliases.map((a) => a.at)]),
    ...s.volumes.map((v) => v.at),
    ...s.labels.map((l) => l.at),
    ...s.extraHosts.map((h) => h.at),
    ...(s.networkMode ? [s.networkMode.at] : []),
  ];
}

export function stackPicture(model: StackModel, findings: Finding[] = []): Picture {
  const b = new PictureBuilder();
  const linkAt = new Map<PictureLink, SourcePosition[]>();
  const nodeAt = new Map<string, SourcePosition[]>();
  const fileOwner = new Map<string, string>();
  const at = (key: string, positions: SourcePosition[]) => nodeAt.set(key, [...(nodeAt.get(key) ?? []), ...positions]);
  const linkWith = (from: string, to: string, positions: SourcePosition[], options: Parameters<PictureBuilder['link']>[2] = {}) => {
    const link = b.link(from, to, options);
    linkAt.set(link, [...(linkAt.get(link) ?? []), ...positions]);
    return link;
  };
  const browser = b.node(BROWSER, ['People', 'in a browser'], 'actor');

  const routes = publicRoutes(model).filter((r) => r.upstream && !(r.exact && r.path === PREFECT_HEALTH_PATH));
  const proxyNames = new Set([...routes.map((r) => r.service).filter((s): s is string => s !== undefined), ...model.services.filter((s) => is.nginx(s) || is.traefik(s) || is.caddy(s)).map((s) => s.name)]);
  const proxies = model.services.filter((s) => proxyNames.has(s.name));
  const bindings = (s: Service) => s.ports.map((p) => `${p.hostIp ?? '0.0.0.0'}:${p.published ?? `random→${p.target ?? '?'}`}`);
  /** A service is a node, or (a proxy) the group its hosts are drawn in. */
  const drawnService = (name: string) => (proxyNames.has(name) ? groupKey.proxy(name) : nodeKey.service(name));
  for (const proxy of proxies) {
    const key = b.group(groupKey.proxy(proxy.name), [proxy.name, publishedText(bindings(proxy)), `networks: ${proxy.networks.map((n) => n.name).join(', ')}`].filter(Boolean).join(' · '));
    at(key, servicePositions(proxy));
  }
  for (const config of [...model.nginx, ...model.caddy]) if (config.services[0] && proxyNames.has(config.services[0])) fileOwner.set(config.file, groupKey.proxy(config.services[0]));
  if (model.traefik.service && proxyNames.has(model.traefik.service)) for (const file of model.traefik.files) fileOwner.set(file, groupKey.proxy(model.traefik.service));

  // Networks as compose has them: a service with none listed is on the project's default network.
  const joined = new Set(model.services.flatMap((s) => s.networks.map((n) => n.name)));
  const networkNames = [...new Set([...[...model.networks.values()].filter((n) => joined.has(n.name) || (n.at !== undefined && n.name !== 'default')).map((n) => n.name), ...joined])];
  const envOf = (s: Service) => (name: string) => s.environment.get(name)?.value;
  const resolve = (host: string, from?: Service) => servicesAnswering(model, host, from)[0]?.name ?? model.services.find((s) => s.name === host)?.name;
  const connections = model.services.map((s) => ({ name: s.name, connections: connectionsOf(envOf(s)), ...(s.networks[0] ? { group: groupKey.network(s.networks[0].name) } : {}) }));
  const holdsData = new Set(
    model.services.filter((s) => is.postgres(s) || is.redis(s)).map((s) => s.name).concat(connections.flatMap((c) => c.connections.map((x) => (x.host ? resolve(x.host) : undefined)).filter((h): h is string => h !== undefined))),
  );
  addNetworks(
    b,
    networkNames.map((name) => ({ name, internal: model.networks.get(name)?.internal ?? false })),
    model.services.filter((s) => !proxyNames.has(s.name)).map((s) => ({ name: s.name, networks: s.networks.map((n) => n.name), published: bindings(s), data: holdsData.has(s.name) })),
  );
  for (const s of model.services) if (!proxyNames.has(s.name)) at(nodeKey.service(s.name), servicePositions(s));

  // A service published on the host is reachable there, past any proxy.
  for (const s of model.services) {
    if (proxyNames.has(s.name)) continue;
    for (const port of s.ports) linkWith(browser, nodeKey.service(s.name), [port.at], { label: `port ${port.published ?? port.target ?? '?'}`, ...(model.prefect.services.some((p) => p.service === s.name && p.serves) ? { open: true } : {}) });
  }

  // Each route: host → upstream, labelled with its paths and gate.
  const prefectServing = new Set(model.prefect.services.filter((p) => p.role === 'server' && p.serves).map((p) => p.service));
  const hostKey = (route: PublicRoute, host: string) => {
    const name = host === '' ? 'any host' : host;
    const key = nodeKey.host(authority(route.scheme, name, route.publicPort ?? route.listenPort));
    return b.node(key, [authority(route.scheme, name, route.publicPort ?? route.listenPort), ...(route.publicPort === undefined ? ['not published'] : [])], 'host', route.service ? groupKey.proxy(route.service) : undefined);
  };
  const ssoService = (route: PublicRoute): string | undefined => {
    const candidates = model.oauth2Proxies.filter((o) => o.service && o.service !== route.service);
    const byHost = candidates.filter((o) => route.hosts.some((h) => parseUrl(settingText(o, 'redirect_url'))?.host.toLowerCase() === h.toLowerCase()));
    return (byHost.length === 1 ? byHost[0] : candidates.length === 1 ? candidates[0] : undefined)?.service;
  };
  const grouped = new Map<string, { from: string; to: string; paths: string[]; gates: { kind: GateKind; by?: string }[]; open: boolean; replica: boolean; at: SourcePosition[] }>();
  for (const route of routes) {
    const proxyService = route.service ? model.services.find((s) => s.name === route.service) : undefined;
    // Every backend of a load-balanced upstream; the gate's label goes on the first.
    const ends = (route.backends ?? [route.upstream!]).map((upstream) => {
      const target = resolve(upstream.host, proxyService);
      return { target, to: target ? drawnService(target) : b.node(nodeKey.outside(upstream.host), [upstream.host, 'outside the stack'], 'outside') };
    });
    // A proxy serving its own pages (oauth2-proxy in front, its /oauth2/ prefix) is no path to draw.
    if (ends[0]!.target !== undefined && ends[0]!.target === route.service) continue;
    const by = route.sso ? ssoService(route) : undefined;
    const gates: { kind: GateKind; by?: string }[] = [...(route.sso ? [{ kind: 'sso' as const, ...(by ? { by } : {}) }] : []), ...(route.basic ? [{ kind: 'basic' as const }] : []), ...(route.tokenOnly ? [{ kind: 'auth-string' as const }] : [])];
    const toPrefect = ends.some((end) => end.target !== undefined && prefectServing.has(end.target));
    for (const host of route.hosts.length > 0 ? route.hosts : ['']) {
      const from = hostKey(route, host);
      const label = toPrefect ? gateText(gates) : gates.length > 0 ? gateText(gates) : '';
      ends.forEach((end, index) => {
        const key = `${from}|${end.to}|${label}|${index === 0 ? '' : 'replica'}`;
        const entry = grouped.get(key) ?? { from, to: end.to, paths: [], gates, open: toPrefect && gates.length === 0, replica: index > 0, at: [] };
        entry.paths.push(`${route.exact ? '= ' : ''}${route.path === '' ? '/' : route.path}`);
        entry.at.push(route.at);
        grouped.set(key, entry);
      });
      if (route.publicPort !== undefined) b.link(browser, from);
      if (by) linkWith(from, drawnService(by), [], { label: CHECK_TEXT.sso, dotted: true });
    }
  }
  // Labelled links first: a finding on a route's line marks the one that names the gate.
  const entries = [...grouped.values()].sort((a, b) => Number(a.replica) - Number(b.replica));
  for (const entry of entries) {
    const label = entry.replica ? '' : [[...new Set(entry.paths)].join(', '), entry.gates.length > 0 || entry.open ? gateText(entry.gates) : ''].filter(Boolean).join(' · ');
    linkWith(entry.from, entry.to, entry.at, { ...(label ? { label } : {}), ...(entry.open ? { open: true } : {}) });
  }

  // oauth2-proxy and its identity provider: through a host of the stack, or out on the internet.
  for (const instance of model.oauth2Proxies) {
    if (!instance.service) continue;
    const from = drawnService(instance.service);
    if (instance.configFile) fileOwner.set(instance.configFile, from);
    at(from, [...instance.settings.values()].map((s) => s.at));
    const issuerSetting = instance.settings.get('oidc_issuer_url');
    const issuer = parseUrl(settingText(instance, 'oidc_issuer_url'));
    if (!issuer || !issuerSetting) continue;
    const hostNode = nodeKey.host(authority(issuer.scheme, issuer.host, issuer.port));
    const to = b.has(hostNode) ? hostNode : b.node(nodeKey.outside(issuer.host), [issuer.host, 'identity provider'], 'outside');
    linkWith(from, to, [issuerSetting.at, ...(issuerSetting.valueAt ? [issuerSetting.valueAt] : [])], { label: 'discovery, tokens' });
    if (!b.has(hostNode)) b.link(browser, to, { label: 'signs in' });
  }
  for (const keycloak of model.keycloaks) for (const realm of keycloak.realms) fileOwner.set(realm.file, nodeKey.service(keycloak.service));

  // Prefect clients: the profiles (machines outside the stack) and client services inside it, each to the API URL it names.
  const apiTarget = (url: string, from?: Service) => {
    const parsed = parseUrl(url);
    if (!parsed) return undefined;
    const hostNode = nodeKey.host(authority(parsed.scheme, parsed.host, parsed.port));
    if (b.has(hostNode)) return hostNode;
    const inside = resolve(parsed.host, from);
    return inside ? drawnService(inside) : undefined;
  };
  const profiles = model.prefect.profiles.filter((p) => p.settings.has('PREFECT_API_URL'));
  if (profiles.length > 0) {
    const machines = b.node(nodeKey.actor('machines'), ['Prefect clients', `profiles: ${profiles.map((p) => p.name).join(', ')}`], 'actor');
    for (const profile of model.prefect.profiles) fileOwner.set(profile.file, machines);
    for (const profile of profiles) {
      const url = profile.settings.get('PREFECT_API_URL')!;
      const to = apiTarget(url.value);
      if (to) linkWith(machines, to, [url.at]);
      else at(machines, [url.at]);
    }
  }
  for (const client of model.prefect.services.filter((p) => p.role === 'client')) {
    const url = client.environment.get('PREFECT_API_URL');
    const to = url?.value ? apiTarget(url.value, model.services.find((s) => s.name === client.service)) : undefined;
    if (url && to) linkWith(drawnService(client.service), to, [url.at, ...(url.valueAt ? [url.valueAt] : [])], { label: 'Prefect API' });
  }

  addConnections(b, connections, (host) => resolve(host), drawnService);

  const picture = b.build();
  markFindings(picture, findings, { linkAt, nodeAt, fileOwner });
  return picture;
}

/** Puts each finding on the link, node or group it concerns; the rest on a note. */
function markFindings(picture: Picture, findings: Finding[], places: { linkAt: Map<PictureLink, SourcePosition[]>; nodeAt: Map<string, SourcePosition[]>; fileOwner: Map<string, string> }): void {
  const unplaced: Finding[] = [];
  for (const finding of findings) {
    const mark = { id: finding.id, severity: finding.severity };
    const here = finding.file !== undefined && finding.line !== undefined ? `${finding.file}:${finding.line}` : undefined;
    const link = here ? picture.links.find((l) => (places.linkAt.get(l) ?? []).some((p) => where(p) === here)) : undefined;
    if (link) {
      link.marks.push(mark);
      continue;
    }
    const holder = here ? [...places.nodeAt].find(([, positions]) => positions.some((p) => where(p) === here))?.[0] : undefined;
    const owner = holder ?? (finding.file !== undefined ? places.fileOwner.get(finding.file) : undefined);
    const target = owner ? (picture.nodes.find((n) => n.key === owner) ?? picture.groups.find((g) => g.key === owner)) : undefined;
    if (target) target.marks.push(mark);
    else unplaced.push(finding);
  }
  if (unplaced.length > 0) {
    picture.nodes.push({
      key: 'note:elsewhere',
      lines: ["Found elsewhere (doctor's report says where)"],
      shape: 'note',
      marks: unplaced.map((f) => ({ id: f.id, severity: f.severity })),
    });
  }
}
