/**
 * Turns a folder into the one model every check reads. Nothing here throws
 * on bad input: broken files become problems with their position.
 */
import { parse as parseYamlText } from 'yaml';
import { parseCaddyfile } from './caddy.js';
import { loadCompose, type ComposeResult } from './compose.js';
import { loadKeycloak } from './keycloak.js';
import { gitIgnoredMatcher } from './gitignore.js';
import { loadPasswordFiles } from './htpasswd.js';
import type { CaddyFile, NginxConfig, OAuth2ProxyInstance, PrefectProfile, PrefectTomlFile, StackModel } from './model.js';
import { mountedFiles, reportMissingMounts } from './mounts.js';
import { looksLikeNginx, NginxSyntaxError, parseNginx } from './nginx.js';
import { loadOAuth2Proxy, loadStandaloneConfig } from './oauth2Proxy.js';
import { loadPrefectServices, loadPrefectToml, loadProfiles } from './prefect.js';
import { Problems, readTextOrReport } from './problems.js';
import { is } from './roles.js';
import { loadTraefik } from './traefik.js';
import { readText, type SourceTree } from './tree.js';

export type { StackModel } from './model.js';

/** What doctor looks for, in words, for the "nothing to check" message. */
export const LOOKED_FOR = [
  'compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml (and their override files)',
  'nginx configuration (*.conf)',
  'Traefik configuration (traefik.yml, traefik.toml, dynamic files)',
  'a Caddyfile',
  'an oauth2-proxy config (*.cfg)',
  'Prefect profiles.toml, prefect.toml or pyproject.toml with [tool.prefect]',
];

function loadNginx(tree: SourceTree, model: StackModel, problems: Problems, claimed: Set<string>): NginxConfig[] {
  const byFile = new Map<string, NginxConfig>();
  const add = (path: string, service: string | undefined, explicit: boolean) => {
    const existing = byFile.get(path);
    if (existing) {
      if (service && !existing.services.includes(service)) existing.services.push(service);
      return;
    }
    const read = readText(tree, path);
    if (!('text' in read)) {
      if (explicit) readTextOrReport(tree, path, problems);
      return;
    }
    if (!explicit && !looksLikeNginx(read.text)) return;
    if (explicit && !/\.(conf|template|nginx)$/.test(path) && !looksLikeNginx(read.text)) return;
    claimed.add(path);
    try {
      byFile.set(path, { file: path, services: service ? [service] : [], directives: parseNginx(read.text, path) });
    } catch (error) {
      if (!(error instanceof NginxSyntaxError)) throw error;
      problems.syntax({ file: path, line: error.line }, 'nginx configuration', error.message, 'nginx -t names the same line; close the block or add the missing ";"');
    }
  };
  for (const service of model.services.filter(is.nginx)) {
    for (const mount of mountedFiles(service, tree)) {
      if (mount.containerPath.startsWith('/etc/nginx/') && !/htpasswd|\.(pem|crt|key)$/.test(mount.hostPath)) add(mount.hostPath, service.name, true);
    }
  }
  for (const path of tree.list()) {
    if (/\.(conf|conf\.template|nginx)$/.test(path) && !claimed.has(path)) add(path, undefined, false);
  }
  return [...byFile.values()];
}

function loadCaddy(tree: SourceTree, model: StackModel, problems: Problems, claimed: Set<string>): CaddyFile[] {
  const files = new Map<string, string[]>();
  for (const service of model.services.filter(is.caddy)) {
    for (const mount of mountedFiles(service, tree)) {
      if (/Caddyfile$/i.test(mount.containerPath)) files.set(mount.hostPath, [...(files.get(mount.hostPath) ?? []), service.name]);
    }
  }
  for (const path of tree.list()) if (/(^|\/)Caddyfile[^/]*$|\.caddyfile$/i.test(path) && !files.has(path)) files.set(path, []);
  const out: CaddyFile[] = [];
  for (const [file, services] of files) {
    const text = readTextOrReport(tree, file, problems);
    if (text === undefined) continue;
    claimed.add(file);
    try {
      out.push({ file, services, sites: parseCaddyfile(text, file) });
    } catch (error) {
      if (!(error instanceof NginxSyntaxError)) throw error;
      problems.syntax({ file, line: error.line }, 'Caddyfile', error.message, 'caddy validate names the same line; balance the braces');
    }
  }
  return out;
}

function loadOAuth2Proxies(tree: SourceTree, model: StackModel, problems: Problems, claimed: Set<string>): OAuth2ProxyInstance[] {
  const instances = model.services.filter(is.oauth2Proxy).map((s) => loadOAuth2Proxy(s, tree, problems));
  for (const instance of instances) if (instance.configFile) claimed.add(instance.configFile);
  for (const path of tree.list()) {
    if (!path.endsWith('.cfg') || claimed.has(path)) continue;
    const read = readText(tree, path);
    if (!('text' in read)) continue;
    const instance = loadStandaloneConfig(path, read.text, tree, problems);
    if (instance) {
      claimed.add(path);
      instances.push(instance);
    }
  }
  return instances;
}

function loadPrefectFiles(tree: SourceTree, problems: Problems, claimed: Set<string>) {
  const profiles: PrefectProfile[] = [];
  const tomlFiles: PrefectTomlFile[] = [];
  for (const path of tree.list()) {
    const name = path.split('/').at(-1);
    if (name === 'profiles.toml') {
      claimed.add(path);
      profiles.push(...loadProfiles(path, tree, problems));
    } else if (name === 'prefect.toml' || name === 'pyproject.toml') {
      const file = loadPrefectToml(path, tree, problems);
      if (file) {
        claimed.add(path);
        tomlFiles.push(file);
      }
    }
  }
  return { profiles, tomlFiles };
}

function specTarget(tree: SourceTree): string | undefined {
  const read = readText(tree, 'prefect-secure.yaml');
  if (!('text' in read)) return undefined;
  try {
    const target = (parseYamlText(read.text) as { target?: unknown } | null)?.target;
    return typeof target === 'string' ? target : undefined;
  } catch {
    return undefined;
  }
}

export function loadStack(tree: SourceTree, root: string): StackModel {
  const problems = new Problems();
  const empty: ComposeResult = { composeFiles: [], envFiles: [], dotenv: new Map(), services: [], networks: new Map() };
  const compose = problems.guard({ file: '(compose files and .env)', kind: 'the compose project' }, () => loadCompose(tree, problems), empty);
  const claimed = new Set<string>([...compose.composeFiles, ...compose.envFiles, 'prefect-secure.yaml']);
  const model: StackModel = {
    root,
    files: [],
    composeFiles: compose.composeFiles,
    dotenv: compose.dotenv,
    services: compose.services,
    networks: compose.networks,
    nginx: [],
    traefik: { entryPoints: [], routers: [], middlewares: [], services: [], files: [] },
    caddy: [],
    oauth2Proxies: [],
    keycloaks: [],
    prefect: { services: [], profiles: [], tomlFiles: [] },
    gitIgnored: [],
    passwordFiles: [],
    problems: problems.list,
  };
  reportMissingMounts(model.services, tree, problems);
  model.nginx = problems.guard({ file: '(nginx configuration)', kind: 'an nginx configuration' }, () => loadNginx(tree, model, problems, claimed), []);
  model.caddy = problems.guard({ file: '(Caddyfile)', kind: 'a Caddyfile' }, () => loadCaddy(tree, model, problems, claimed), []);
  model.oauth2Proxies = problems.guard({ file: '(oauth2-proxy configuration)', kind: 'an oauth2-proxy configuration' }, () => loadOAuth2Proxies(tree, model, problems, claimed), []);
  model.keycloaks = problems.guard({ file: '(Keycloak realm)', kind: 'a Keycloak realm file' }, () => model.services.filter(is.keycloak).map((s) => loadKeycloak(s, tree, problems)), []);
  for (const realm of model.keycloaks.flatMap((k) => k.realms)) claimed.add(realm.file);
  const prefectFiles = problems.guard({ file: '(Prefect settings)', kind: 'a Prefect settings file' }, () => loadPrefectFiles(tree, problems, claimed), { profiles: [], tomlFiles: [] });
  model.prefect = { services: loadPrefectServices(model.services), ...prefectFiles };
  model.traefik = problems.guard({ file: '(Traefik configuration)', kind: 'a Traefik configuration' }, () => loadTraefik(model.services, tree, problems, claimed), model.traefik);
  const target = specTarget(tree);
  if (target) model.specTarget = target;
  model.passwordFiles = loadPasswordFiles(tree);
  for (const file of model.passwordFiles) claimed.add(file.file);
  const ignored = gitIgnoredMatcher(tree);
  model.gitIgnored = tree.list().filter(ignored);
  model.files = [...new Set([...compose.composeFiles, ...(compose.dotenv.size > 0 ? ['.env'] : []), ...claimed])].filter((f) => tree.read(f) !== undefined).sort();
  return model;
}

/** True when the folder held nothing doctor knows how to check. */
export function isEmptyStack(model: StackModel): boolean {
  return (
    model.composeFiles.length === 0 &&
    model.nginx.length === 0 &&
    model.caddy.length === 0 &&
    model.oauth2Proxies.length === 0 &&
    model.traefik.files.length === 0 &&
    model.prefect.profiles.length === 0 &&
    model.prefect.tomlFiles.length === 0 &&
    model.problems.length === 0
  );
}
