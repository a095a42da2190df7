/**
 * The diagram of every rendered combination (test/diagram/combinations.ts),
 * read back by the real Mermaid parser: every compose service of the
 * rendered docker-compose.yml and every host name the rendered proxy
 * configuration answers is drawn, and every path of the plan's reachability
 * list is an edge from its caller to that host, inside the proxy that
 * answers it. NEXT_STEPS.md carries exactly this diagram. doctor's picture of
 * the same rendered files parses too and draws the same hosts, services and
 * paths from each host to the services behind it.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { stackDiagram } from '../../src/diagram/index.js';
import { toMermaid } from '../../src/diagram/mermaid.js';
import { stackPicture } from '../../src/doctor/diagram.js';
import { publicRoutes } from '../../src/doctor/checks/util/routes.js';
import { loadStack } from '../../src/doctor/load/index.js';
import { memoryTree } from '../../src/doctor/load/tree.js';
import { parseFlowchart, type ParsedFlowchart } from '../helpers/mermaid.js';
import { fileText } from '../helpers/stack.js';
import { COMBINATIONS, PROVIDER_TYPES, renderFiles } from './combinations.js';

const firstLine = (text: string) => text.split(/<br\s*\/?>/)[0]!;

/** What a parsed flowchart draws, by name: vertices by their first label line, subgraphs by their title's first word. */
function drawn(parsed: ParsedFlowchart) {
  const named = (name: string) => parsed.vertices.filter((v) => firstLine(v.text) === name);
  const group = (service: string) => parsed.subgraphs.find((g) => g.title.split(' · ')[0] === service);
  return {
    names: new Set([...parsed.vertices.map((v) => firstLine(v.text)), ...parsed.subgraphs.map((g) => g.title.split(' · ')[0]!)]),
    named,
    group,
    edge: (from: string, to: string) => parsed.edges.some((e) => e.start === from && e.end === to),
  };
}

describe('the diagram of every rendered combination', () => {
  it('covers every proxy, target, identity provider type, machine access, database and scale', () => {
    expect(PROVIDER_TYPES).toBeGreaterThanOrEqual(9);
    expect(COMBINATIONS.length).toBeGreaterThan(300);
  });

  it.each(COMBINATIONS.map((c) => [c.name, c] as const))('%s', async (_name, { spec }) => {
    const stack = renderFiles(spec);
    const diagram = stackDiagram(stack.plan);
    expect(fileText(stack, 'NEXT_STEPS.md')).toContain(`\`\`\`mermaid\n${diagram}\`\`\`\n`);
    const parsed = await parseFlowchart(diagram);
    expect(parsed.diagramType).toBe('flowchart-v2');
    const d = drawn(parsed);

    // Every compose service: a node, or (the proxy) the group its hosts are drawn in.
    const compose = parseYaml(fileText(stack, 'docker-compose.yml')) as { services: Record<string, unknown>; networks: Record<string, unknown> };
    for (const service of Object.keys(compose.services)) expect(d.names, service).toContain(service);
    // Every network, by its title.
    for (const network of Object.keys(compose.networks)) expect(parsed.subgraphs.map((g) => g.title.split(' · ')[0]), network).toContain(`network ${network}`);

    // Every host name the rendered proxy configuration answers, read back from the files.
    const files = Object.fromEntries([...stack.files].map(([path, file]) => [path, file.content]));
    const model = loadStack(memoryTree(files), '.');
    const hostNames = new Set(publicRoutes(model).flatMap((r) => r.hosts.map((h) => h.toLowerCase())));
    expect(hostNames.size).toBeGreaterThanOrEqual(2);
    const drawnHosts = new Set(parsed.vertices.map((v) => firstLine(v.text).replace(/:\d+$/, '')));
    for (const host of hostNames) expect(drawnHosts, host).toContain(host);

    // Every path of the reachability list: an edge from its caller to the host, drawn in the proxy that answers it.
    for (const entry of stack.plan.reachability) {
      const caller = entry.caller === 'browser' ? d.named('People') : d.named(entry.caller);
      const group = d.group(entry.service);
      expect(group, `${entry.service} answers ${entry.url}`).toBeDefined();
      const target = d.named(new URL(entry.url).host).filter((v) => group!.nodes.includes(v.id));
      expect(caller.length * target.length, `${entry.caller} → ${entry.url}`).toBe(1);
      expect(d.edge(caller[0]!.id, target[0]!.id), `${entry.caller} → ${entry.url}`).toBe(true);
    }

    // Certificates by ACME: who orders them (lego beside nginx; Caddy and Traefik themselves), from which server.
    const acme = stack.plan.spec.tls?.acme;
    if (acme) {
      const server = d.named(new URL(acme.directory).host);
      const orderer = stack.plan.spec.proxy.type === 'nginx' ? d.named('acme')[0]?.id : d.group(stack.plan.spec.proxy.type)?.id;
      expect(parsed.edges.filter((e) => e.start === orderer && e.end === server[0]?.id && e.text === 'orders certificates')).toHaveLength(1);
    }

    // doctor draws the same hosts and services from the files.
    const doctorParsed = await parseFlowchart(toMermaid(stackPicture(model)));
    const fromFiles = drawn(doctorParsed);
    // …and the same paths: each host the proxy serves to each service behind it (every API replica).
    for (const route of stack.plan.routes) {
      for (const service of route.services) {
        const hosts = fromFiles.named(route.authority).map((v) => v.id);
        const services = fromFiles.named(service).map((v) => v.id);
        expect(doctorParsed.edges.some((e) => hosts.includes(e.start) && services.includes(e.end)), `${route.authority} → ${service}`).toBe(true);
      }
    }
    for (const name of Object.keys(compose.services)) expect(fromFiles.names, name).toContain(name);
    for (const host of hostNames) expect([...fromFiles.names].map((n) => n.replace(/:\d+$/, '')), host).toContain(host);
  });
});
