/** Questions checks ask about the compose model: who answers a name, who publishes what. */
import type { EnvVar, Located, OAuth2ProxyInstance, OAuth2ProxySetting, Service, StackModel } from '../../load/model.js';
import { is } from '../../load/roles.js';
import type { SourcePosition } from '../../types.js';

export function service(model: StackModel, name: string | undefined): Service | undefined {
  return name === undefined ? undefined : model.services.find((s) => s.name === name);
}

/** Services a container reaches under `host` (service name or network alias), on networks it shares with `from`. */
export function servicesAnswering(model: StackModel, host: string, from?: Service): Service[] {
  const h = host.toLowerCase();
  const shared = (s: Service) => !from || s.networks.some((n) => from.networks.some((m) => m.name === n.name));
  return model.services.filter(
    (s) => shared(s) && (s.name.toLowerCase() === h || s.networks.some((n) => n.aliases.some((a) => a.value.toLowerCase() === h))),
  );
}

/** Aliases equal to `host` on any service, with where they are written. */
export function aliasesNamed(model: StackModel, host: string): { service: Service; network: string; alias: Located }[] {
  const out: { service: Service; network: string; alias: Located }[] = [];
  for (const s of model.services) {
    for (const n of s.networks) for (const a of n.aliases) if (a.value.toLowerCase() === host.toLowerCase()) out.push({ service: s, network: n.name, alias: a });
  }
  return out;
}

/** oauth2-proxy forwarding to http(s) upstreams is the reverse proxy of its stack. */
function proxiesUpstreams(model: StackModel, s: Service): boolean {
  const instance = model.oauth2Proxies.find((o) => o.service === s.name);
  return instance !== undefined && settingList(instance, 'upstreams').some((u) => /^https?:\/\//.test(u));
}

/** The reverse proxies of the stack (nginx, Traefik, Caddy, or oauth2-proxy in upstream mode). */
export function frontProxies(model: StackModel): Service[] {
  const webProxies = model.services.filter((s) => is.nginx(s) || is.traefik(s) || is.caddy(s));
  return webProxies.length > 0 ? webProxies : model.services.filter((s) => proxiesUpstreams(model, s));
}

export function hasFrontProxy(model: StackModel): boolean {
  return frontProxies(model).length > 0 || model.nginx.length > 0 || model.caddy.length > 0 || model.traefik.routers.length > 0;
}

/** A port published only on the loopback interface (127.x, ::1, localhost). */
export function onLoopback(port: { hostIp?: string }): boolean {
  return port.hostIp !== undefined && /^(127\.|::1$|localhost$)/.test(port.hostIp);
}

/** Host port a container port is published on. */
export function publishedPort(s: Service | undefined, containerPort: number): number | undefined {
  const mapping = s?.ports.find((p) => p.target === containerPort && p.published !== undefined && /^\d+$/.test(p.published));
  return mapping ? Number(mapping.published) : undefined;
}

export function env(s: { environment: Map<string, EnvVar> }, name: string): EnvVar | undefined {
  const v = s.environment.get(name);
  return v && v.value !== undefined ? v : undefined;
}

export function setting(instance: OAuth2ProxyInstance, key: string): OAuth2ProxySetting | undefined {
  return instance.settings.get(key);
}

export function settingText(instance: OAuth2ProxyInstance, key: string): string | undefined {
  const value = instance.settings.get(key)?.value;
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

export function settingList(instance: OAuth2ProxyInstance, key: string): string[] {
  const value = instance.settings.get(key)?.value;
  if (value === undefined || typeof value === 'boolean') return [];
  return Array.isArray(value) ? value : value.split(',').map((v) => v.trim()).filter(Boolean);
}

export function settingBool(instance: OAuth2ProxyInstance, key: string, fallback: boolean): boolean {
  const value = instance.settings.get(key)?.value;
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  return /^(true|1|yes|on)$/i.test(String(value));
}

/** How to write an oauth2-proxy setting where the user already sets things: same file, same style. */
export function settingLine(instance: OAuth2ProxyInstance, key: string, value: string): string {
  const existing = instance.settings.get(key);
  const via = existing?.via ?? (instance.configFile ? 'cfg' : 'env');
  if (via === 'cfg') return `${key} = ${value}`;
  if (via === 'flag') return `--${key.replace(/_/g, '-')}=${value.replace(/^"(.*)"$/, '$1')}`;
  return `OAUTH2_PROXY_${key.toUpperCase()}=${value.replace(/^"(.*)"$/, '$1').replace(/^\[(.*)\]$/, '$1').replace(/"/g, '')}`;
}

/** Where to tell the user to add a setting that is missing. */
export function settingHome(model: StackModel, instance: OAuth2ProxyInstance): SourcePosition {
  if (instance.configFile) return { file: instance.configFile };
  return service(model, instance.service)?.at ?? instance.at;
}

export function instanceName(instance: OAuth2ProxyInstance): string {
  return instance.service ? `oauth2-proxy (service ${instance.service})` : `oauth2-proxy (${instance.configFile})`;
}

/** Where a setting's value really is: the .env line for `${VAR}` values, else the setting itself. */
export function valuePosition(s: OAuth2ProxySetting | EnvVar): SourcePosition {
  return s.valueAt ?? s.at;
}

/** A target the spec or the names mark as a laptop stack. */
export function isLocalStack(model: StackModel, hosts: string[]): boolean {
  if (model.specTarget) return model.specTarget === 'local';
  return hosts.length > 0 && hosts.every((h) => /localtest\.me$|localhost$|^127\.|lvh\.me$|\.local$|\.test$/.test(h));
}
