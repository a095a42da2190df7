/**
 * Traefik: static configuration (a traefik.yml/.toml or `--flags` on the
 * service), dynamic configuration files (`http.routers`, `http.middlewares`)
 * and `traefik.http.*` labels on compose services.
 */
import type { SourcePosition } from '../types.js';
import { readFlags } from './argv.js';
import type { Located, Service, TraefikEntryPoint, TraefikMiddleware, TraefikModel, TraefikRouter, TraefikService } from './model.js';
import { mountedFiles } from './mounts.js';
import { child, entries, fromToml, fromYaml, scalars, type PosNode } from './posTree.js';
import { type Problems, readTextOrReport } from './problems.js';
import { is, majorVersion } from './roles.js';
import { parseTomlFile } from './toml.js';
import { readText, type SourceTree } from './tree.js';
import { parseYaml, rootOf } from './yaml.js';

const STATIC_NAMES = /(^|\/)traefik\.(ya?ml|toml)$/i;

function readTree(path: string, tree: SourceTree, problems: Problems, quiet: boolean): PosNode | undefined {
  const read = quiet ? readText(tree, path) : undefined;
  const text = quiet ? (read && 'text' in read ? read.text : undefined) : readTextOrReport(tree, path, problems);
  if (text === undefined) return undefined;
  if (path.endsWith('.toml')) {
    const toml = parseTomlFile(path, text, quiet ? undefined : problems);
    return toml ? fromToml(toml) : undefined;
  }
  const yaml = parseYaml(path, text, quiet ? undefined : problems);
  return yaml ? fromYaml(yaml, rootOf(yaml)) : undefined;
}

const stripProvider = (name: string) => name.replace(/@[A-Za-z0-9-]+$/, '');

function routersOf(root: PosNode | undefined): TraefikRouter[] {
  return entries(child(root, 'http', 'routers')).map(({ key, node }) => {
    const rule = child(node, 'rule');
    const syntax = child(node, 'ruleSyntax')?.scalar;
    const service = child(node, 'service')?.scalar;
    return {
      name: key,
      ...(rule?.scalar !== undefined ? { rule: { value: rule.scalar, at: rule.at } } : {}),
      ...(syntax ? { ruleSyntax: syntax } : {}),
      entryPoints: scalars(child(node, 'entryPoints')).map((e) => e.value),
      middlewares: scalars(child(node, 'middlewares')).map((m) => stripProvider(m.value)),
      ...(service ? { service: stripProvider(service) } : {}),
      ...(service && /@internal$/.test(service) ? { internalService: true } : {}),
      tls: child(node, 'tls') !== undefined,
      at: node.at,
    };
  });
}

function middlewaresOf(root: PosNode | undefined): TraefikMiddleware[] {
  const out: TraefikMiddleware[] = [];
  for (const { key, node } of entries(child(root, 'http', 'middlewares'))) {
    for (const kind of entries(node)) {
      const options = new Map<string, Located>();
      for (const option of entries(kind.node)) {
        const values = scalars(option.node);
        if (values.length > 0) options.set(option.key.toLowerCase(), { value: values.map((v) => v.value).join(','), at: option.node.at });
        // One level of nesting (headers.customRequestHeaders.Authorization) as `customrequestheaders.authorization`.
        for (const inner of entries(option.node)) {
          const innerValues = scalars(inner.node);
          if (innerValues.length > 0) options.set(`${option.key}.${inner.key}`.toLowerCase(), { value: innerValues.map((v) => v.value).join(','), at: inner.node.at });
        }
      }
      out.push({ name: key, kind: kind.key, options, at: node.at });
    }
  }
  return out;
}

function servicesOf(root: PosNode | undefined, owner?: string): TraefikService[] {
  return entries(child(root, 'http', 'services')).map(({ key, node }) => {
    const lb = child(node, 'loadBalancer');
    const fromFile = (child(lb, 'servers')?.list ?? []).map((s) => child(s, 'url')?.scalar).filter((u): u is string => Boolean(u));
    const port = child(lb, 'server', 'port')?.scalar;
    const url = fromFile[0] ?? (owner && port ? `http://${owner}:${port}` : undefined);
    return { name: key, ...(url ? { url } : {}), ...(fromFile.length > 1 ? { urls: fromFile } : {}), ...(owner ? { owner } : {}) };
  });
}

function entryPointsOf(root: PosNode | undefined): TraefikEntryPoint[] {
  return entries(child(root, 'entryPoints')).map(({ key, node }) => {
    const address = child(node, 'address');
    return {
      name: key,
      ...(address?.scalar !== undefined ? { address: { value: address.scalar, at: address.at } } : {}),
      trustedIPs: scalars(child(node, 'forwardedHeaders', 'trustedIPs')),
      at: node.at,
    };
  });
}

/** `--a.b.c=value` flags as a tree, so they read like a static file. */
function flagTree(flags: { name: string; value: string | undefined; at: SourcePosition }[], at: SourcePosition): PosNode {
  const root: PosNode = { at, map: new Map() };
  for (const flag of flags) {
    let node = root;
    const parts = flag.name.split('.');
    parts.forEach((part, index) => {
      const key = part.toLowerCase();
      const last = index === parts.length - 1;
      let next = node.map!.get(key)?.node;
      if (!next) {
        next = last ? { at: flag.at, scalar: flag.value ?? 'true' } : { at: flag.at, map: new Map() };
        node.map!.set(key, { key: part, node: next });
      } else if (last) {
        next.scalar = flag.value ?? 'true';
      } else {
        next.map ??= new Map();
      }
      node = next;
    });
  }
  return root;
}

/** Labels `traefik.http.routers.NAME.rule=…` become the same tree as a dynamic file. */
function labelTree(service: Service): PosNode {
  const flags = service.labels
    .filter((l) => /^traefik\.http\./i.test(l.key))
    .map((l) => ({ name: l.key.slice('traefik.'.length), value: l.value, at: l.at }));
  return flagTree(flags, service.at);
}

export function loadTraefik(services: Service[], tree: SourceTree, problems: Problems, claimed: Set<string>): TraefikModel {
  const model: TraefikModel = { entryPoints: [], routers: [], middlewares: [], services: [], files: [] };
  const service = services.find(is.traefik);
  const staticRoots: PosNode[] = [];
  const dynamicFiles = new Set<string>();

  if (service) {
    model.service = service.name;
    const version = majorVersion(service);
    if (version !== undefined) model.majorVersion = version;
    const flags = readFlags([...service.entrypoint, ...service.command]).filter((f) => f.name.includes('.') || f.name === 'configFile');
    staticRoots.push(flagTree(flags.filter((f) => f.name !== 'configFile'), service.at));
    const mounts = mountedFiles(service, tree);
    const configFile = flags.find((f) => f.name === 'configFile')?.value;
    for (const mount of mounts) {
      if (mount.containerPath === configFile || /^\/etc\/traefik\/traefik\.(ya?ml|toml)$/.test(mount.containerPath)) {
        claimed.add(mount.hostPath);
        const root = readTree(mount.hostPath, tree, problems, false);
        if (root) staticRoots.push(root);
        model.files.push(mount.hostPath);
      } else if (/\.(ya?ml|toml)$/.test(mount.hostPath)) {
        dynamicFiles.add(mount.hostPath);
      }
    }
  }
  for (const path of tree.list()) {
    if (STATIC_NAMES.test(path) && !claimed.has(path)) {
      claimed.add(path);
      const root = readTree(path, tree, problems, false);
      if (root) staticRoots.push(root);
      model.files.push(path);
    } else if (/\.(ya?ml|toml)$/.test(path) && !claimed.has(path)) {
      dynamicFiles.add(path);
    }
  }

  for (const root of staticRoots) {
    model.entryPoints.push(...entryPointsOf(root));
    const insecure = child(root, 'api', 'insecure');
    if (insecure?.scalar !== undefined && /^true$/i.test(insecure.scalar)) model.apiInsecure = { value: insecure.scalar, at: insecure.at };
    const syntax = child(root, 'core', 'defaultRuleSyntax');
    if (syntax?.scalar) model.defaultRuleSyntax = { value: syntax.scalar, at: syntax.at };
  }
  for (const path of dynamicFiles) {
    if (claimed.has(path)) continue;
    // Any YAML/TOML may be a dynamic file; only those with an http section are.
    const root = readTree(path, tree, problems, true);
    if (!child(root, 'http')) continue;
    claimed.add(path);
    model.files.push(path);
    model.routers.push(...routersOf(root));
    model.middlewares.push(...middlewaresOf(root));
    model.services.push(...servicesOf(root));
  }
  for (const s of services) {
    const root = labelTree(s);
    model.routers.push(...routersOf(root).map((r) => ({ ...r, owner: s.name })));
    model.middlewares.push(...middlewaresOf(root).map((m) => ({ ...m, owner: s.name })));
    model.services.push(...servicesOf(root, s.name));
  }
  return model;
}
