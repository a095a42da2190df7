/**
 * The picture of a rendered stack, from its plan alone: the reachability
 * list (who calls which URL), the proxy's routes and their gates, the
 * services on their networks, the client profiles, the identity provider,
 * the ACME server when certificates come from one, and the connections each
 * service is configured with.
 */
import type { ComposeValue, Plan, ServicePlan } from '../plan/types.js';
import { LEGO_IMAGE } from '../components/certificates/acme/facts.js';
import { HTTP_PORT } from '../components/target/server/facts.js';
import { connectionsOf } from './connections.js';
import { CHECK_TEXT, gateText } from './gates.js';
import { groupKey, nodeKey, PictureBuilder, type Picture } from './picture.js';
import { addConnections, addNetworks, authorityOf, BROWSER, publishedText } from './parts.js';

/** A compose value as the picture may show it: a secret's place is `***` (hosts live in the text around it). */
const visible = (value: ComposeValue) => ('literal' in value ? value.literal : `${value.prefix ?? ''}***${value.suffix ?? ''}`);
const envOf = (service: ServicePlan) => (name: string) => {
  const entry = service.environment.find((e) => e.key === name);
  return entry ? visible(entry.value) : undefined;
};

export function planPicture(plan: Plan): Picture {
  const b = new PictureBuilder();
  const proxyName = plan.capabilities.proxyService;
  const proxy = plan.services.find((s) => s.name === proxyName);
  const browser = b.node(BROWSER, ['People', 'in a browser'], 'actor');

  const proxyGroup = b.group(groupKey.proxy(proxyName), [proxyName, publishedText(proxy?.ports.map((p) => `${p.bind}:${p.published}`) ?? []), `networks: ${proxy?.networks.map((n) => n.name).join(', ') ?? ''}`].filter(Boolean).join(' · '));
  const host = (authority: string, note?: string) => b.node(nodeKey.host(authority), [authority, ...(note ? [note] : [])], 'host', proxyGroup);

  const connections = plan.services.map((s) => ({ name: s.name, connections: connectionsOf(envOf(s)), group: s.networks[0] ? groupKey.network(s.networks[0].name) : undefined }));
  const names = new Set(plan.services.map((s) => s.name));
  const holdsData = new Set(connections.flatMap((c) => c.connections.map((x) => x.host)).filter((h): h is string => h !== undefined && names.has(h)));
  addNetworks(
    b,
    plan.networks,
    plan.services
      .filter((s) => s.name !== proxyName)
      .map((s) => ({ name: s.name, ...(s.title ? { title: s.title } : {}), networks: s.networks.map((n) => n.name), published: s.ports.map((p) => `${p.bind}:${p.published}`), data: holdsData.has(s.name) })),
  );

  // Every URL someone calls, from where they call it.
  for (const entry of plan.reachability) {
    const to = entry.service === proxyName ? host(authorityOf(entry.url)) : nodeKey.service(entry.service);
    // A service calling the issuer is oauth2-proxy: its discovery, token and key requests.
    const toIssuer = entry.caller !== 'browser' && plan.identity.issuer !== undefined && entry.url.startsWith(plan.identity.issuer);
    b.link(entry.caller === 'browser' ? browser : nodeKey.service(entry.caller), to, toIssuer ? { label: 'discovery, tokens' } : {});
  }

  // What the proxy lets through on each host, behind which gate.
  for (const route of plan.routes) {
    const from = host(route.authority, route.loopbackOnly ? 'loopback only: an SSH tunnel' : undefined);
    const label = route.kind === 'prefect' ? `${route.serves} · ${gateText(route.gates, route.prefectAuthString)}` : route.serves;
    // API replicas share one gate: the label once, on the first.
    route.services.forEach((service, index) => b.link(from, nodeKey.service(service), { ...(index === 0 ? { label } : {}), ...(route.kind === 'prefect' && route.gates.length === 0 ? { open: true } : {}) }));
    for (const gate of route.gates) {
      if (gate.by) b.link(from, nodeKey.service(gate.by), { label: CHECK_TEXT[gate.kind], dotted: true });
      if (gate.by && gate.issuer) b.link(nodeKey.service(gate.by), b.node(nodeKey.outside(authorityOf(gate.issuer)), [authorityOf(gate.issuer), 'JWT issuer'], 'outside'), { label: 'signing keys', dotted: true });
    }
  }

  // The machines, by the profiles rendered for them, and the CI credentials the machine host takes.
  const machineHosts = [...new Set(plan.clients.map((c) => authorityOf(c.apiUrl)))];
  if (plan.clients.length > 0) {
    const machines = b.node(nodeKey.actor('machines'), ['Workers and CI', `profiles: ${plan.clients.map((c) => c.name).join(', ')}`], 'actor');
    for (const authority of machineHosts) b.link(machines, host(authority));
  }
  const machineRoute = plan.routes.find((r) => r.kind === 'prefect' && machineHosts.includes(r.authority));
  for (const gate of machineRoute?.gates ?? []) {
    if (gate.kind === 'jwt') b.link(b.node(nodeKey.actor('github-actions'), ['GitHub Actions jobs'], 'actor'), host(machineRoute!.authority), { label: 'JWT' });
    if (gate.kind === 'token') b.link(b.node(nodeKey.actor('token-clients'), ['CI with an access token'], 'actor'), host(machineRoute!.authority), { label: 'access token' });
  }

  // The identity provider: a bundled one is a service behind the proxy (its links come from the reachability list); an external one is on the internet.
  const sso = plan.routes.flatMap((r) => r.gates).find((g) => g.kind === 'sso');
  if (!plan.identity.service) {
    const idp = b.node(nodeKey.outside('identity-provider'), [plan.identity.displayName, ...(plan.identity.issuer ? [authorityOf(plan.identity.issuer)] : [])], 'outside');
    b.link(browser, idp, { label: 'signs in' });
    if (sso?.by) b.link(nodeKey.service(sso.by), idp, { label: 'discovery, tokens' });
    if (b.has(nodeKey.actor('token-clients'))) b.link(nodeKey.actor('token-clients'), idp, { label: 'gets a token' });
  } else if (b.has(nodeKey.actor('token-clients')) && plan.urls.issuer) {
    b.link(nodeKey.actor('token-clients'), host(authorityOf(plan.urls.issuer)), { label: 'gets a token' });
  }

  // Certificates by ACME: the proxy (Caddy, Traefik) or the lego companion orders them; the ACME server checks port 80.
  const acme = plan.spec.tls?.acme;
  if (acme) {
    const server = b.node(nodeKey.outside(authorityOf(acme.directory)), [authorityOf(acme.directory), 'ACME server'], 'outside');
    const lego = plan.services.find((s) => s.image === LEGO_IMAGE);
    const orders = plan.capabilities.ownAcme || !lego ? proxyGroup : nodeKey.service(lego.name);
    b.link(orders, server, { label: 'orders certificates' });
    b.link(server, proxyGroup, { label: `HTTP-01 check, port ${HTTP_PORT}`, dotted: true });
  }

  addConnections(b, connections, (h) => (names.has(h) ? h : undefined));
  return b.build();
}
