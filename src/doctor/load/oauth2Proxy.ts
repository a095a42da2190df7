/**
 * oauth2-proxy settings per instance, merged as oauth2-proxy merges them:
 * command-line flags over OAUTH2_PROXY_* environment over the `--config` file.
 */
import { readFlags } from './argv.js';
import type { Located, OAuth2ProxyInstance, OAuth2ProxySetting, Service } from './model.js';
import { hostFileFor } from './mounts.js';
import { BOOLEAN_KEYS, keyOfFlag, LIST_KEYS } from './oauth2ProxyOptions.js';
import { type Problems, readTextOrReport } from './problems.js';
import { parseTomlFile } from './toml.js';
import type { SourceTree } from './tree.js';

type Value = OAuth2ProxySetting['value'];

function typed(key: string, text: string | undefined): Value {
  if (BOOLEAN_KEYS.has(key)) return text === undefined ? true : /^(true|1|yes|on)$/i.test(text.trim());
  if (LIST_KEYS.has(key)) return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return text ?? '';
}

function fromToml(key: string, value: unknown): Value {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'boolean') return value;
  if (LIST_KEYS.has(key)) return [String(value)];
  return String(value);
}

function readConfigFile(
  settings: Map<string, OAuth2ProxySetting>,
  fileSettings: OAuth2ProxySetting[],
  path: string,
  tree: SourceTree,
  problems: Problems,
  reference?: { at: Located['at'] },
): void {
  const text = readTextOrReport(tree, path, problems, reference ? { at: reference.at, what: 'oauth2-proxy config' } : undefined);
  if (text === undefined) return;
  const toml = parseTomlFile(path, text, problems);
  if (!toml) return;
  for (const [key, value] of Object.entries(toml.data)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) continue;
    const line = toml.lineOf('', key);
    const at = { file: path, ...(line ? { line } : {}) };
    const setting: OAuth2ProxySetting = { key, value: fromToml(key, value), at, via: 'cfg', name: key, refs: [], valueAt: at };
    settings.set(key, setting);
    fileSettings.push(setting);
  }
}

export function loadOAuth2Proxy(service: Service, tree: SourceTree, problems: Problems): OAuth2ProxyInstance {
  const settings = new Map<string, OAuth2ProxySetting>();
  const fileSettings: OAuth2ProxySetting[] = [];
  const argv = [...service.entrypoint, ...service.command];
  const flags = readFlags(argv, (name) => BOOLEAN_KEYS.has(keyOfFlag(name)));

  let configFile: string | undefined;
  const configFlag = flags.find((f) => f.name === 'config');
  const configPath = configFlag?.value ?? service.environment.get('OAUTH2_PROXY_CONFIG')?.value;
  if (configPath) {
    const mounted = hostFileFor(service, configPath, tree);
    if (mounted) {
      configFile = mounted.hostPath;
      readConfigFile(settings, fileSettings, mounted.hostPath, tree, problems, { at: mounted.at });
    }
  }

  for (const env of service.environment.values()) {
    if (!env.name.startsWith('OAUTH2_PROXY_') || env.value === undefined || env.name === 'OAUTH2_PROXY_CONFIG') continue;
    const key = env.name.slice('OAUTH2_PROXY_'.length).toLowerCase();
    settings.set(key, {
      key,
      value: typed(key, env.value),
      at: env.at,
      via: 'env',
      name: env.name,
      refs: env.refs,
      ...(env.valueAt ? { valueAt: env.valueAt } : {}),
    });
  }

  // Repeated list flags accumulate; a later scalar flag wins.
  for (const flag of flags) {
    if (flag.name === 'config' || flag.name === 'alpha-config') continue;
    const key = keyOfFlag(flag.name);
    const value = typed(key, flag.value);
    const before = settings.get(key);
    const merged = Array.isArray(value) && before?.via === 'flag' && Array.isArray(before.value) ? [...before.value, ...value] : value;
    settings.set(key, { key, value: merged, at: flag.at, via: 'flag', name: flag.written, refs: [] });
  }

  return { service: service.name, at: service.at, ...(configFile ? { configFile } : {}), settings, fileSettings };
}

/** A `.cfg` that looks like oauth2-proxy's and that no service mounts: checked on its own. */
export function loadStandaloneConfig(path: string, text: string, tree: SourceTree, problems: Problems): OAuth2ProxyInstance | undefined {
  if (!/^\s*(oidc_issuer_url|cookie_secret|provider|upstreams|email_domains|redirect_url)\s*=/m.test(text)) return undefined;
  const settings = new Map<string, OAuth2ProxySetting>();
  const fileSettings: OAuth2ProxySetting[] = [];
  readConfigFile(settings, fileSettings, path, tree, problems);
  return { at: { file: path }, configFile: path, settings, fileSettings };
}

