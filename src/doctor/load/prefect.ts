/**
 * Prefect settings: per compose service from its environment, and from
 * profiles.toml (`[profiles.NAME]` with PREFECT_* keys) and prefect.toml /
 * pyproject.toml `[tool.prefect]` (nested tables of field names).
 */
import type { PrefectFileSetting, PrefectProfile, PrefectService, PrefectTomlFile, Service } from './model.js';
import { type Problems, readTextOrReport } from './problems.js';
import { is } from './roles.js';
import { parseTomlFile, type TomlFile } from './toml.js';
import type { SourceTree } from './tree.js';

const SERVER_ONLY = /^PREFECT_(SERVER_|UI_|API_DATABASE_|MESSAGING_|REDIS_MESSAGING_)/;

function roleOf(service: Service): PrefectService['role'] | undefined {
  const argv = [...service.entrypoint, ...service.command].map((a) => a.value);
  const prefectEnv = [...service.environment.keys()].filter((k) => k.startsWith('PREFECT_'));
  if (argv.some((a, i) => a === 'server' && argv[i - 1]?.endsWith('prefect'))) return 'server';
  if (argv.some((a) => /(^|\s)prefect\s+server\s/.test(a))) return 'server';
  if (argv.length === 0 && prefectEnv.some((k) => SERVER_ONLY.test(k))) return 'server';
  if (is.prefect(service) || prefectEnv.some((k) => k === 'PREFECT_API_URL' || k === 'PREFECT_API_KEY' || k === 'PREFECT_API_AUTH_STRING')) {
    return 'client';
  }
  return undefined;
}

export function loadPrefectServices(services: Service[]): PrefectService[] {
  const out: PrefectService[] = [];
  for (const service of services) {
    if (is.oauth2Proxy(service) || is.keycloak(service) || is.nginx(service) || is.traefik(service) || is.caddy(service)) continue;
    const role = roleOf(service);
    if (!role) continue;
    const argv = [...service.entrypoint, ...service.command].map((a) => a.value).join(' ');
    const serves = role === 'server' && !/\bserver\s+(services|database)\b/.test(argv);
    out.push({ service: service.name, role, serves, at: service.at, command: [...service.entrypoint, ...service.command], environment: service.environment });
  }
  return out;
}

function setting(toml: TomlFile, table: string, key: string, name: string, value: unknown): PrefectFileSetting {
  const line = toml.lineOf(table, key);
  return { name, value: typeof value === 'string' ? value : JSON.stringify(value), at: { file: toml.file, ...(line ? { line } : {}) } };
}

export function loadProfiles(path: string, tree: SourceTree, problems: Problems): PrefectProfile[] {
  const text = readTextOrReport(tree, path, problems);
  if (text === undefined) return [];
  const toml = parseTomlFile(path, text, problems);
  const profiles = toml?.data.profiles;
  if (!toml || !profiles || typeof profiles !== 'object') return [];
  return Object.entries(profiles as Record<string, unknown>).map(([name, values]) => {
    const table = `profiles.${name}`;
    const settings = new Map<string, PrefectFileSetting>();
    for (const [key, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      settings.set(key, setting(toml, table, key, key, value));
    }
    const line = toml.tableLine(table);
    return { file: path, name, at: { file: path, ...(line ? { line } : {}) }, settings };
  });
}

/** prefect.toml, or pyproject.toml's [tool.prefect]: nested tables map to PREFECT_<PATH>_<FIELD>. */
export function loadPrefectToml(path: string, tree: SourceTree, problems: Problems): PrefectTomlFile | undefined {
  const text = readTextOrReport(tree, path, problems);
  if (text === undefined) return undefined;
  const pyproject = path.endsWith('pyproject.toml');
  if (pyproject && !/\[tool\.prefect/.test(text)) return undefined;
  const toml = parseTomlFile(path, text, problems);
  if (!toml) return undefined;
  const base = pyproject ? ['tool', 'prefect'] : [];
  let root: unknown = toml.data;
  for (const part of base) root = (root as Record<string, unknown> | undefined)?.[part];
  const settings = new Map<string, PrefectFileSetting>();
  const flatKeys: PrefectFileSetting[] = [];
  const walk = (node: unknown, path: string[]) => {
    for (const [key, value] of Object.entries((node ?? {}) as Record<string, unknown>)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        walk(value, [...path, key]);
        continue;
      }
      const table = [...base, ...path].join('.');
      if (/^PREFECT_/.test(key)) {
        flatKeys.push(setting(toml, table, key, key, value));
        continue;
      }
      const name = `PREFECT_${[...path, key].join('_').toUpperCase()}`;
      settings.set(name, setting(toml, table, key, name, value));
    }
  };
  walk(root, []);
  return { file: path, settings, flatKeys };
}
