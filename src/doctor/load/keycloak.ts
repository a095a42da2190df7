/** Keycloak settings: `--option=value` in the command and KC_OPTION in the environment, plus imported realms. */
import { readFlags } from './argv.js';
import type { KeycloakInstance, KeycloakOption, Located, RealmImport, Service } from './model.js';
import { mountedFiles } from './mounts.js';
import { type Problems, readTextOrReport } from './problems.js';
import { isOfficialKeycloak, majorVersion } from './roles.js';
import type { SourceTree } from './tree.js';

const IMPORT_DIR = '/opt/keycloak/data/import';

function lineOfText(text: string, needle: string, from = 0): number | undefined {
  const index = text.indexOf(needle, from);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}

function readRealm(path: string, tree: SourceTree, problems: Problems): RealmImport | undefined {
  const text = readTextOrReport(tree, path, problems);
  if (text === undefined) return undefined;
  let data: { realm?: unknown; clients?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch (error) {
    problems.syntax({ file: path }, 'JSON', (error as Error).message, 'fix the JSON (a trailing comma or a missing quote is the usual cause)');
    return undefined;
  }
  const clients: RealmImport['clients'] = [];
  for (const client of Array.isArray(data.clients) ? data.clients : []) {
    const { clientId, redirectUris } = client as { clientId?: unknown; redirectUris?: unknown };
    if (typeof clientId !== 'string') continue;
    const clientAt = text.indexOf(JSON.stringify(clientId));
    const uris = (Array.isArray(redirectUris) ? redirectUris : []).filter((u): u is string => typeof u === 'string');
    clients.push({
      clientId,
      redirectUris: uris.map((uri) => {
        const line = lineOfText(text, JSON.stringify(uri), Math.max(clientAt, 0));
        return { value: uri, at: { file: path, ...(line ? { line } : {}) } };
      }),
    });
  }
  const reset = (data as { resetPasswordAllowed?: unknown }).resetPasswordAllowed;
  return { file: path, ...(typeof data.realm === 'string' ? { realm: data.realm } : {}), clients, resetPasswordAllowed: reset === true };
}

export function loadKeycloak(service: Service, tree: SourceTree, problems: Problems): KeycloakInstance {
  const options = new Map<string, KeycloakOption>();
  const official = isOfficialKeycloak(service);
  if (official) {
    for (const env of service.environment.values()) {
      if (!env.name.startsWith('KC_') || env.value === undefined) continue;
      const name = env.name.slice(3).toLowerCase().replace(/_/g, '-');
      options.set(name, { name, value: env.value, at: env.at, via: 'env', written: env.name });
    }
  }
  const argv = [...service.entrypoint, ...service.command].filter((a) => !/kc\.sh$/.test(a.value));
  const mode: Located | undefined = argv.find((a) => !a.value.startsWith('-'));
  for (const flag of readFlags(argv, (name) => name === 'import-realm' || name === 'optimized' || name.endsWith('-enabled'))) {
    options.set(flag.name, { name: flag.name, value: flag.value ?? 'true', at: flag.at, via: 'flag', written: flag.written });
  }
  const realms = mountedFiles(service, tree)
    .filter((m) => m.containerPath.startsWith(`${IMPORT_DIR}/`) && m.hostPath.endsWith('.json'))
    .map((m) => readRealm(m.hostPath, tree, problems))
    .filter((r): r is RealmImport => r !== undefined);
  const version = majorVersion(service);
  return {
    service: service.name,
    at: service.at,
    ...(service.image ? { image: service.image } : {}),
    ...(version !== undefined ? { majorVersion: version } : {}),
    official,
    ...(mode ? { mode } : {}),
    options,
    environment: service.environment,
    realms,
  };
}
