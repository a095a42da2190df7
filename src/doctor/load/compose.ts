/**
 * Compose files -> services and networks, with compose's own rules: the
 * first of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml
 * is read with its override file; `.env` fills `${VAR}`; `env_file` is read
 * with the same dotenv rules; a later file overrides or merges into an earlier one.
 */
import type { SourcePosition } from '../types.js';
import type { EnvVar, Label, Located, Network, PortMapping, Service, ServiceNetwork, Volume } from './model.js';
import { INPUT_IDS, Problems, readTextOrReport } from './problems.js';
import type { SourceTree } from './tree.js';
import { parseDotenv } from '../../compose/dotenv.js';
import { argvOf, readEnvFiles, readEnvironment, readExtraHosts, readLabels, readNetworks, readPorts, readVolumes, scalar, type Context } from './composeFields.js';
import { entriesOf, getIn, isMapping, parseYaml, posOf, rootOf, scalarText, type YamlFile } from './yaml.js';

export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

export interface ComposeResult {
  composeFiles: string[];
  /** env_file files that were read. */
  envFiles: string[];
  dotenv: Map<string, Located>;
  services: Service[];
  networks: Map<string, Network>;
}

export function readDotenv(tree: SourceTree, problems: Problems, path = '.env'): Map<string, Located> {
  const vars = new Map<string, Located>();
  const text = readTextOrReport(tree, path, problems);
  if (text === undefined) return vars;
  const parsed = parseDotenv(text);
  if (parsed.error) {
    problems.syntax({ file: path, line: parsed.error.line }, 'env-file syntax', parsed.error.message, 'write one KEY=value per line; quote values that hold spaces or #');
  }
  for (const entry of parsed.entries) vars.set(entry.name, { value: entry.value, at: { file: path, line: entry.line } });
  return vars;
}

interface PartialService {
  name: string;
  at: SourcePosition;
  image?: Located;
  command?: Located[];
  entrypoint?: Located[];
  environment: Map<string, EnvVar>;
  ports: PortMapping[];
  networks?: ServiceNetwork[];
  networkMode?: Located;
  extraHosts: Located[];
  labels: Label[];
  volumes: Volume[];
  /** Fields tagged `!reset` (dropped from the file before) or `!override` (replacing it, not merged). */
  replaced: Set<string>;
}

/** Compose's merge tags: `ports: !reset []` drops the earlier file's ports, `!override` replaces them. */
const MERGE_TAGS = new Set(['!reset', '!override']);

function readService(ctx: Context, yaml: YamlFile, name: string, keyNode: unknown, node: unknown): PartialService {
  const replaced = new Set<string>();
  const field = (key: string) => {
    const value = getIn(yaml, node, key)?.value as { tag?: string } | undefined;
    if (value?.tag && MERGE_TAGS.has(value.tag)) {
      replaced.add(key);
      if (value.tag === '!reset') return undefined;
    }
    return value;
  };
  const image = scalar(ctx, yaml, field('image'));
  const command = argvOf(ctx, yaml, field('command'));
  const entrypoint = argvOf(ctx, yaml, field('entrypoint'));
  const networks = readNetworks(ctx, yaml, field('networks'));
  const networkMode = scalar(ctx, yaml, field('network_mode'));
  // env_file first: `environment` overrides it.
  const environment = readEnvFiles(ctx, yaml, field('env_file'));
  for (const [key, value] of readEnvironment(ctx, yaml, field('environment'))) environment.set(key, value);
  return {
    name,
    at: posOf(yaml, keyNode),
    ...(image ? { image } : {}),
    ...(command ? { command } : {}),
    ...(entrypoint ? { entrypoint } : {}),
    environment,
    ports: readPorts(ctx, yaml, field('ports')),
    ...(networks ? { networks } : {}),
    ...(networkMode ? { networkMode } : {}),
    extraHosts: readExtraHosts(ctx, yaml, field('extra_hosts')),
    labels: readLabels(ctx, yaml, field('labels')),
    volumes: readVolumes(ctx, yaml, field('volumes')),
    replaced,
  };
}

/** An override file merges into the services of the file before it. */
function merge(base: PartialService, over: PartialService): PartialService {
  const byKey = <T>(a: T[], b: T[], key: (item: T) => string) => {
    const keys = new Set(b.map(key));
    return [...a.filter((item) => !keys.has(key(item))), ...b];
  };
  // A field tagged !reset or !override in the later file takes nothing from the earlier one.
  const fresh = (field: string) => over.replaced.has(field);
  const pick = <T>(field: string, later: T | undefined, earlier: T | undefined) => (fresh(field) ? later : (later ?? earlier));
  const image = pick('image', over.image, base.image);
  const command = pick('command', over.command, base.command);
  const entrypoint = pick('entrypoint', over.entrypoint, base.entrypoint);
  const networkMode = pick('network_mode', over.networkMode, base.networkMode);
  const networks = fresh('networks') ? over.networks : over.networks || base.networks ? byKey(base.networks ?? [], over.networks ?? [], (n) => n.name) : undefined;
  return {
    name: base.name,
    at: base.at,
    ...(image ? { image } : {}),
    ...(command ? { command } : {}),
    ...(entrypoint ? { entrypoint } : {}),
    environment: fresh('environment') || fresh('env_file') ? over.environment : new Map([...base.environment, ...over.environment]),
    ports: fresh('ports') ? over.ports : [...base.ports, ...over.ports],
    ...(networks ? { networks } : {}),
    ...(networkMode ? { networkMode } : {}),
    extraHosts: fresh('extra_hosts') ? over.extraHosts : [...base.extraHosts, ...over.extraHosts],
    labels: fresh('labels') ? over.labels : byKey(base.labels, over.labels, (l) => l.key),
    volumes: fresh('volumes') ? over.volumes : byKey(base.volumes, over.volumes, (v) => v.target),
    replaced: new Set([...base.replaced, ...over.replaced]),
  };
}

/** A network or named volume a service uses that no top-level section declares: `docker compose` refuses the project. */
function reportUndefinedReferences(services: PartialService[], networks: Map<string, Network>, volumes: Set<string>, problems: Problems): void {
  for (const s of services) {
    for (const n of s.networks ?? []) {
      if (networks.has(n.name)) continue;
      problems.add(INPUT_IDS.composeReference, 'error', n.at, `service ${s.name} joins network ${n.name}, which the top-level networks: section does not declare`, 'docker compose refuses the whole project ("refers to undefined network"), so nothing starts', `add it under networks: at the top level (  ${n.name}: {}  ), or correct the name`);
    }
    for (const v of s.volumes) {
      if (v.type !== 'volume' || !v.source || volumes.has(v.source)) continue;
      problems.add(INPUT_IDS.composeReference, 'error', v.at, `service ${s.name} mounts volume ${v.source}, which the top-level volumes: section does not declare`, 'docker compose refuses the whole project ("refers to undefined volume"), so nothing starts', `add it under volumes: at the top level (  ${v.source}: {}  ), or write ./${v.source} for a folder next to the compose file`);
    }
  }
}

export function loadCompose(tree: SourceTree, problems: Problems): ComposeResult {
  const present = (path: string) => tree.read(path) !== undefined;
  const primary = COMPOSE_FILES.find(present);
  const composeFiles: string[] = [];
  if (primary) {
    composeFiles.push(primary);
    for (const other of COMPOSE_FILES.filter((f) => f !== primary && present(f))) {
      problems.add(
        INPUT_IDS.ignoredCompose,
        'warning',
        { file: other },
        `docker compose reads ${primary} and ignores ${other}`,
        'changes made in this file have no effect on the running stack',
        `merge what you need into ${primary} and delete ${other}, or run compose with -f ${other}`,
      );
    }
    const override = OVERRIDE_FILES.find(present);
    if (override) composeFiles.push(override);
  }

  const dotenv = readDotenv(tree, problems);
  const ctx: Context = { tree, problems, dotenv, reportedUnset: new Set(), envFiles: new Set() };
  const services = new Map<string, PartialService>();
  const networks = new Map<string, Network>([['default', { name: 'default', internal: false, external: false }]]);
  const namedVolumes = new Set<string>();

  for (const file of composeFiles) {
    const text = readTextOrReport(tree, file, problems);
    if (text === undefined) continue;
    const yaml = parseYaml(file, text, problems);
    if (!yaml) continue;
    const root = rootOf(yaml);
    if (root !== undefined && !isMapping(yaml, root)) {
      problems.syntax({ file, line: 1 }, 'compose file', 'the top level must be a mapping with a services: key', 'start the file with "services:"');
      continue;
    }
    for (const entry of entriesOf(yaml, getIn(yaml, root, 'services')?.value)) {
      const service = readService(ctx, yaml, entry.key, entry.keyNode, entry.value);
      const before = services.get(entry.key);
      services.set(entry.key, before ? merge(before, service) : service);
    }
    for (const entry of entriesOf(yaml, getIn(yaml, root, 'volumes')?.value)) namedVolumes.add(entry.key);
    for (const entry of entriesOf(yaml, getIn(yaml, root, 'networks')?.value)) {
      const flag = (key: string) => scalarText(yaml, getIn(yaml, entry.value, key)?.value) === 'true';
      networks.set(entry.key, {
        name: entry.key,
        internal: flag('internal'),
        external: flag('external') || isMapping(yaml, getIn(yaml, entry.value, 'external')?.value),
        at: posOf(yaml, entry.keyNode),
      });
    }
  }

  reportUndefinedReferences([...services.values()], networks, namedVolumes, problems);
  return {
    composeFiles,
    envFiles: [...ctx.envFiles],
    dotenv,
    networks,
    services: [...services.values()].map((s) => ({
      name: s.name,
      at: s.at,
      ...(s.image ? { image: s.image } : {}),
      command: s.command ?? [],
      entrypoint: s.entrypoint ?? [],
      environment: s.environment,
      ports: s.ports,
      networks: s.networks ?? (s.networkMode ? [] : [{ name: 'default', aliases: [], at: s.at }]),
      ...(s.networkMode ? { networkMode: s.networkMode } : {}),
      extraHosts: s.extraHosts,
      labels: s.labels,
      volumes: s.volumes,
    })),
  };
}
