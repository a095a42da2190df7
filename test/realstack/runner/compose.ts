/**
 * Reads a rendered stack's compose file the way `docker compose up` does:
 * `.env` beside it is parsed with the project's compose-compatible dotenv
 * reader, every string is interpolated with compose's rules, and each service
 * is reduced to what starting it needs. A form the runner does not model is a
 * clear error naming the service and field, never a silent skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseDotenv } from '../../../src/compose/dotenv.js';
import { interpolate } from '../../../src/compose/interpolate.js';

export interface Mount {
  type: 'bind' | 'volume';
  /** Absolute host path (bind) or volume name (volume). */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface PublishedPort {
  hostIp: string;
  published: number;
  target: number;
}

export interface Healthcheck {
  /** The command as compose runs it inside the container (CMD form, or `sh -c` for CMD-SHELL). */
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
}

export interface ComposeService {
  name: string;
  image: string;
  /** `user:` as numeric uid and gid, when the compose file sets one. */
  user: { uid: number; gid: number } | undefined;
  command: string[] | undefined;
  entrypoint: string[] | undefined;
  environment: Record<string, string>;
  mounts: Mount[];
  ports: PublishedPort[];
  /** Network name -> aliases. */
  networks: Record<string, string[]>;
  healthcheck: Healthcheck | undefined;
  /** Service -> condition (`service_started`, `service_healthy`, `service_completed_successfully`). */
  dependsOn: Record<string, string>;
}

export interface ComposeProject {
  dir: string;
  services: ComposeService[];
  networks: Record<string, { internal: boolean }>;
  /** The variables of `.env`, as compose reads them. */
  dotenv: Record<string, string>;
}

export const COMPOSE_FILE = 'docker-compose.yml';

const fail = (where: string, what: string): never => {
  throw new Error(`${COMPOSE_FILE}: ${where}: ${what}`);
};

function readDotenv(dir: string): Record<string, string> {
  const path = join(dir, '.env');
  if (!existsSync(path)) return {};
  const parsed = parseDotenv(readFileSync(path, 'utf8'));
  if (parsed.error) fail('.env', `line ${parsed.error.line}: ${parsed.error.message}`);
  return Object.fromEntries(parsed.entries.map((e) => [e.name, e.value]));
}

function interpolateTree(value: unknown, lookup: (name: string) => string | undefined, where: string): unknown {
  if (typeof value === 'string') {
    const result = interpolate(value, lookup);
    if (result.invalid) fail(where, `invalid interpolation in "${value}"`);
    if (result.missingRequired.length > 0) fail(where, `required variable ${result.missingRequired.join(', ')} is unset (compose would refuse to start)`);
    return result.value;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateTree(v, lookup, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateTree(v, lookup, `${where}.${k}`)]));
  }
  return value;
}

/** Compose durations: `10s`, `1m30s`, `500ms`. */
export function durationMs(text: unknown, where: string, fallback: number): number {
  if (text === undefined) return fallback;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = String(text).match(/(\d+(?:\.\d+)?)(ms|s|m|h)/g);
  if (!parts || parts.join('') !== String(text)) return fail(where, `cannot read the duration "${String(text)}"`);
  return parts.reduce((sum, part) => {
    const [, n, unit] = part.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/)!;
    return sum + Number(n) * units[unit!]!;
  }, 0);
}

function argv(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return ['/bin/sh', '-c', value];
  return fail(where, 'must be a list or a string');
}

function readMounts(raw: unknown, dir: string, where: string): Mount[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(where, 'must be a list');
  return raw.map((entry, i): Mount => {
    const at = `${where}[${i}]`;
    if (typeof entry === 'string') {
      const [source, target, mode] = entry.split(':');
      if (!source || !target) return fail(at, `cannot read the short volume "${entry}"`);
      const bind = source.startsWith('.') || source.startsWith('/');
      return { type: bind ? 'bind' : 'volume', source: bind ? resolve(dir, source) : source, target, readOnly: mode === 'ro' };
    }
    const m = entry as { type?: string; source?: string; target?: string; read_only?: boolean };
    if (m.type !== 'bind' && m.type !== 'volume') return fail(at, `volume type "${String(m.type)}" is not modelled by the runner`);
    if (!m.source || !m.target) return fail(at, 'needs source and target');
    const source = m.type === 'bind' ? (isAbsolute(m.source) ? m.source : resolve(dir, m.source)) : m.source;
    return { type: m.type, source, target: m.target, readOnly: m.read_only === true };
  });
}

function readPorts(raw: unknown, where: string): PublishedPort[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(where, 'must be a list');
  return raw.map((entry, i): PublishedPort => {
    const at = `${where}[${i}]`;
    if (typeof entry === 'object' && entry !== null) {
      const p = entry as { target?: number; published?: number | string; host_ip?: string; protocol?: string };
      if (p.protocol !== undefined && p.protocol !== 'tcp') return fail(at, `protocol ${p.protocol} is not modelled`);
      if (p.published === undefined || p.target === undefined) return fail(at, 'needs published and target');
      return { hostIp: p.host_ip ?? '0.0.0.0', published: Number(p.published), target: Number(p.target) };
    }
    const parts = String(entry).split(':');
    if (parts.length < 2) return fail(at, `cannot read the port "${String(entry)}"`);
    const target = Number(parts.pop());
    const published = Number(parts.pop());
    return { hostIp: parts.pop() ?? '0.0.0.0', published, target };
  });
}

function readNetworks(raw: unknown, where: string): Record<string, string[]> {
  if (raw === undefined) return { default: [] };
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((n) => [String(n), []]));
  if (typeof raw !== 'object' || raw === null) return fail(where, 'must be a list or a map');
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => [name, ((value as { aliases?: string[] } | null)?.aliases ?? []).map(String)]),
  );
}

function readHealthcheck(raw: unknown, where: string): Healthcheck | undefined {
  if (raw === undefined) return undefined;
  const h = raw as { test?: unknown; interval?: unknown; timeout?: unknown; retries?: number; start_period?: unknown; disable?: boolean };
  if (h.disable) return undefined;
  let test: string[];
  if (typeof h.test === 'string') test = ['/bin/sh', '-c', h.test];
  else if (Array.isArray(h.test) && h.test[0] === 'CMD') test = h.test.slice(1).map(String);
  else if (Array.isArray(h.test) && h.test[0] === 'CMD-SHELL') test = ['/bin/sh', '-c', String(h.test[1])];
  else if (Array.isArray(h.test) && h.test[0] === 'NONE') return undefined;
  else return fail(`${where}.test`, 'must be CMD, CMD-SHELL, NONE or a string');
  return {
    test,
    intervalMs: durationMs(h.interval, `${where}.interval`, 30_000),
    timeoutMs: durationMs(h.timeout, `${where}.timeout`, 30_000),
    retries: h.retries ?? 3,
    startPeriodMs: durationMs(h.start_period, `${where}.start_period`, 0),
  };
}

function readDependsOn(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((n) => [String(n), 'service_started']));
  return Object.fromEntries(Object.entries(raw as Record<string, { condition?: string }>).map(([n, v]) => [n, v?.condition ?? 'service_started']));
}

function readEnvironment(raw: unknown, lookup: (name: string) => string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  if (Array.isArray(raw)) {
    const env: Record<string, string> = {};
    for (const item of raw.map(String)) {
      const eq = item.indexOf('=');
      if (eq < 0) {
        const value = lookup(item);
        if (value !== undefined) env[item] = value;
      } else env[item.slice(0, eq)] = item.slice(eq + 1);
    }
    return env;
  }
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function readUser(raw: unknown, at: string): ComposeService['user'] {
  if (raw === undefined) return undefined;
  const match = /^(\d+):(\d+)$/.exec(String(raw));
  if (!match) return fail(at, `"${String(raw)}" is not uid:gid in numbers (the runner has no user names of the image)`);
  return { uid: Number(match[1]), gid: Number(match[2]) };
}

/** Loads `docker-compose.yml` and `.env` from a rendered stack folder. */
export function loadComposeProject(dir: string): ComposeProject {
  const path = join(dir, COMPOSE_FILE);
  if (!existsSync(path)) fail(dir, 'no compose file here; render a stack first');
  const dotenv = readDotenv(dir);
  // compose: the shell's environment wins over .env.
  const lookup = (name: string) => process.env[name] ?? dotenv[name];
  const doc = interpolateTree(parse(readFileSync(path, 'utf8')), lookup, 'compose') as {
    services?: Record<string, Record<string, unknown>>;
    networks?: Record<string, { internal?: boolean } | null>;
  };
  if (!doc.services || Object.keys(doc.services).length === 0) fail('services', 'no services to start');
  const services = Object.entries(doc.services ?? {}).map(([name, s]): ComposeService => {
    const where = `services.${name}`;
    if (typeof s.image !== 'string') fail(`${where}.image`, 'the runner starts images only (a build: needs the image: it tags)');
    return {
      name,
      image: s.build === undefined ? (s.image as string) : builtFrom(dir, s.build, `${where}.build`),
      user: readUser(s.user, `${where}.user`),
      command: argv(s.command, `${where}.command`),
      entrypoint: argv(s.entrypoint, `${where}.entrypoint`),
      environment: readEnvironment(s.environment, lookup),
      mounts: readMounts(s.volumes, dir, `${where}.volumes`),
      ports: readPorts(s.ports, `${where}.ports`),
      networks: readNetworks(s.networks, `${where}.networks`),
      healthcheck: readHealthcheck(s.healthcheck, `${where}.healthcheck`),
      dependsOn: readDependsOn(s.depends_on),
    };
  });
  const networks = Object.fromEntries(Object.entries(doc.networks ?? {}).map(([n, v]) => [n, { internal: v?.internal === true }]));
  return { dir, services, networks, dotenv };
}

/**
 * A service built from a Dockerfile of the stack runs as the image it starts
 * FROM: the native program of that image has the Dockerfile's additions
 * installed already (scripts/install-components.sh), and the one RUN line it
 * may hold is a pip install of them.
 */
function builtFrom(dir: string, raw: unknown, where: string): string {
  const build = raw as { context?: unknown; dockerfile?: unknown };
  if (typeof build?.context !== 'string') return fail(`${where}.context`, 'must name the build folder');
  const file = join(resolve(dir, build.context), typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
  if (!existsSync(file)) return fail(where, `no Dockerfile at ${file}`);
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const from = /^FROM\s+(\S+)$/.exec(lines[0] ?? '');
  if (!from) return fail(where, `${file} does not start with FROM <image>`);
  for (const line of lines.slice(1)) {
    if (!/^RUN uv pip install --no-cache( '?[A-Za-z0-9_.-]+==[0-9.]+'?)+$/.test(line)) fail(where, `${file}: the runner knows only a pinned uv pip install after FROM, not: ${line}`);
  }
  return from[1]!;
}

/** Services in an order that starts every dependency first; a cycle is an error. */
export function startOrder(services: ComposeService[]): ComposeService[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: ComposeService[] = [];
  const visit = (s: ComposeService, path: string[]) => {
    if (done.has(s.name)) return;
    if (visiting.has(s.name)) fail(`services.${s.name}.depends_on`, `dependency cycle ${[...path, s.name].join(' -> ')}`);
    visiting.add(s.name);
    for (const dep of Object.keys(s.dependsOn)) {
      const target = byName.get(dep) ?? fail(`services.${s.name}.depends_on`, `unknown service ${dep}`);
      visit(target, [...path, s.name]);
    }
    visiting.delete(s.name);
    done.add(s.name);
    order.push(s);
  };
  for (const s of services) visit(s, []);
  return order;
}
