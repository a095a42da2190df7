/**
 * nginx servers and locations with nginx's inheritance rules: most
 * directives inherit from the enclosing level; "array" directives such as
 * proxy_set_header and error_page inherit only when the level sets none.
 */
import type { NginxConfig, NginxDirective, StackModel } from '../../load/model.js';
import type { SourcePosition } from '../../types.js';
import { splitAddress } from './urls.js';

export interface NginxListen {
  port: number;
  ssl: boolean;
  at: SourcePosition;
}

export interface NginxLocation {
  directive: NginxDirective;
  modifier: string;
  path: string;
  /** Directive lists from the location outwards: location, (outer locations), server, http. */
  levels: NginxDirective[][];
}

export interface NginxServer {
  config: NginxConfig;
  directive: NginxDirective;
  listens: NginxListen[];
  names: string[];
  locations: NginxLocation[];
  /** Directive lists from the server outwards: server, http. */
  levels: NginxDirective[][];
  /** upstream NAME { server host:port; } blocks visible to this server. */
  upstreams: Map<string, string>;
  /** The directives of each upstream block, by name. */
  upstreamBlocks: Map<string, NginxDirective>;
}

const children = (d: NginxDirective | undefined) => d?.block ?? [];

function locationsOf(levels: NginxDirective[][], block: NginxDirective[]): NginxLocation[] {
  const out: NginxLocation[] = [];
  for (const d of block) {
    if (d.name !== 'location' || !d.block) continue;
    const [first = '', second] = d.args;
    const hasModifier = ['=', '~', '~*', '^~'].includes(first);
    const path = hasModifier ? (second ?? '') : first;
    const modifier = hasModifier ? first : path.startsWith('@') ? '@' : '';
    const own = [d.block, ...levels];
    out.push({ directive: d, modifier, path, levels: own });
    out.push(...locationsOf(own, d.block));
  }
  return out;
}

export function nginxServers(model: StackModel): NginxServer[] {
  const servers: NginxServer[] = [];
  for (const config of model.nginx) {
    const http = config.directives.find((d) => d.name === 'http');
    // A conf.d file holds servers at its top level; nginx.conf holds them inside http {}.
    const httpLevel = http ? children(http) : config.directives;
    const upstreams = new Map<string, string>();
    const upstreamBlocks = new Map<string, NginxDirective>();
    for (const d of httpLevel) {
      if (d.name === 'upstream' && d.block) {
        upstreamBlocks.set(d.args[0] ?? '', d);
        const server = d.block.find((s) => s.name === 'server');
        if (server?.args[0]) upstreams.set(d.args[0] ?? '', server.args[0]);
      }
    }
    for (const d of httpLevel) {
      if (d.name !== 'server' || !d.block) continue;
      const levels = [d.block, http ? httpLevel : []];
      const listens: NginxListen[] = d.block
        .filter((l) => l.name === 'listen')
        .map((l) => ({ port: splitAddress(l.args[0] ?? '80').port ?? Number(/^\d+$/.test(l.args[0] ?? '') ? l.args[0] : 80), ssl: l.args.includes('ssl'), at: l.at }));
      servers.push({
        config,
        directive: d,
        listens: listens.length > 0 ? listens : [{ port: 80, ssl: false, at: d.at }],
        names: d.block.filter((n) => n.name === 'server_name').flatMap((n) => n.args),
        locations: locationsOf(levels, d.block),
        levels,
        upstreams,
        upstreamBlocks,
      });
    }
  }
  return servers;
}

/** Is there a server block to check? (A fragment of bare locations is included elsewhere; doctor cannot place it.) */
export function hasNginxServers(model: StackModel): boolean {
  return nginxServers(model).length > 0;
}

/** The nearest value of an inheritable single directive. */
export function effectiveOne(levels: NginxDirective[][], name: string): NginxDirective | undefined {
  for (const level of levels) {
    const found = level.filter((d) => d.name === name);
    if (found.length > 0) return found.at(-1);
  }
  return undefined;
}

/** Array directives (proxy_set_header, error_page, add_header): the nearest level that sets any. */
export function effectiveAll(levels: NginxDirective[][], name: string): NginxDirective[] {
  for (const level of levels) {
    const found = level.filter((d) => d.name === name);
    if (found.length > 0) return found;
  }
  return [];
}

/** proxy_pass target with `set $var …` and upstream blocks resolved, e.g. `http://prefect-server:4200`. */
export function proxyTarget(server: NginxServer, location: NginxLocation): { url: string; at: SourcePosition } | undefined {
  const pass = location.levels[0]!.find((d) => d.name === 'proxy_pass');
  if (!pass?.args[0]) return undefined;
  let url = pass.args[0];
  const variable = /^\$\{?(\w+)\}?/.exec(url);
  if (variable) {
    const set = location.levels.flat().find((d) => d.name === 'set' && d.args[0] === `$${variable[1]}`);
    if (set?.args[1]) url = url.replace(variable[0], set.args[1]);
  }
  const named = /^(https?):\/\/([^/:$]+)(.*)$/.exec(url);
  if (named && server.upstreams.has(named[2]!)) url = `${named[1]}://${server.upstreams.get(named[2]!)}${named[3]}`;
  return { url, at: pass.at };
}

/** The upstream block a location's proxy_pass names (directly or through `set $var`), if any. */
export function upstreamBlockOf(server: NginxServer, location: NginxLocation): NginxDirective | undefined {
  const pass = location.levels[0]!.find((d) => d.name === 'proxy_pass');
  let url = pass?.args[0];
  if (!url) return undefined;
  const variable = /^\$\{?(\w+)\}?/.exec(url);
  if (variable) url = location.levels.flat().find((d) => d.name === 'set' && d.args[0] === `$${variable[1]}`)?.args[1] ?? url;
  const named = /^https?:\/\/([^/:$]+)/.exec(url);
  return named ? server.upstreamBlocks.get(named[1]!) : undefined;
}

/** An nginx time (`4s`, `500ms`, `1m`, `60`) in seconds; undefined when it is not one. */
export function nginxSeconds(value: string | undefined): number | undefined {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(value ?? '');
  if (!m) return undefined;
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
}

/** Does the location (or a level above it) run auth_request / auth_basic, and not switch it off? */
export function authOf(location: NginxLocation): { sso: NginxDirective | undefined; basic: NginxDirective | undefined } {
  const sso = effectiveOne(location.levels, 'auth_request');
  const basic = effectiveOne(location.levels, 'auth_basic');
  return { sso: sso && sso.args[0] !== 'off' ? sso : undefined, basic: basic && basic.args[0] !== 'off' ? basic : undefined };
}

/** Does a prefix location serve this path? (Regex locations are matched loosely by their text.) */
export function locationServes(location: NginxLocation, path: string): boolean {
  if (location.modifier === '@') return false;
  if (location.modifier === '=') return location.path === path;
  if (location.modifier === '~' || location.modifier === '~*') {
    try {
      return new RegExp(location.path, location.modifier === '~*' ? 'i' : '').test(path);
    } catch {
      return false;
    }
  }
  return path.startsWith(location.path);
}

/** The location nginx picks for a path: exact, then longest prefix (regexes are tried when no ^~ prefix wins). */
export function locationFor(server: NginxServer, path: string): NginxLocation | undefined {
  const candidates = server.locations.filter((l) => l.levels.length === server.levels.length + 1);
  const exact = candidates.find((l) => l.modifier === '=' && l.path === path);
  if (exact) return exact;
  const prefixes = candidates.filter((l) => (l.modifier === '' || l.modifier === '^~') && path.startsWith(l.path)).sort((a, b) => b.path.length - a.path.length);
  const best = prefixes[0];
  if (best?.modifier === '^~') return best;
  const regex = candidates.find((l) => (l.modifier === '~' || l.modifier === '~*') && locationServes(l, path));
  return regex ?? best;
}
