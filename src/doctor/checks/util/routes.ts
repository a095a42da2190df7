/**
 * What the reverse proxy publishes: for nginx servers/locations, Traefik
 * routers and Caddy sites, the public scheme, host names, port and path, the
 * upstream it forwards to and whether SSO or basic auth guards it.
 */
import type { CaddyDirective, StackModel } from '../../load/model.js';
import type { SourcePosition } from '../../types.js';
import { authOf, effectiveAll, nginxServers, proxyTarget, upstreamBlockOf } from './nginx.js';
import { publishedPort, service, settingList, settingText } from './stack.js';
import { parseUrl, splitAddress, type ParsedUrl } from './urls.js';

export interface PublicRoute {
  proxy: 'nginx' | 'traefik' | 'caddy' | 'oauth2-proxy';
  /** The compose service that runs the proxy, when one does. */
  service?: string;
  scheme: 'http' | 'https';
  /** Host names the route answers; empty for any host. */
  hosts: string[];
  /** Port the proxy listens on inside its container. */
  listenPort: number;
  /** Port the browser uses (published on the host); the listen port when the proxy runs outside compose. */
  publicPort?: number;
  /** Path prefix ('' or '/' for everything). */
  path: string;
  exact: boolean;
  upstream?: ParsedUrl;
  /** Every backend a load-balanced upstream spreads requests over (an nginx upstream block, Caddy's or Traefik's list), when there are several. */
  backends?: ParsedUrl[];
  sso: boolean;
  basic: boolean;
  /** The route lets only requests with an Authorization header through (nginx `if ($http_authorization …)`). */
  tokenOnly: boolean;
  /** A 401 of the auth check becomes a redirect to sign in (nginx `error_page 401`, Traefik errors/authSigninURL, Caddy handle_response). */
  signInOn401: boolean;
  at: SourcePosition;
}

/** The servers of the upstream block a location forwards to, when it has several. */
function nginxBackends(server: Parameters<typeof proxyTarget>[0], location: Parameters<typeof proxyTarget>[1]): { backends?: ParsedUrl[] } {
  const block = upstreamBlockOf(server, location);
  const pass = proxyTarget(server, location);
  const scheme = pass ? (parseUrl(pass.url)?.scheme ?? 'http') : 'http';
  const servers = (block?.block ?? []).filter((d) => d.name === 'server' && d.args[0]).map((d) => parseUrl(`${scheme}://${d.args[0]}`)).filter((u): u is ParsedUrl => u !== undefined);
  return servers.length > 1 ? { backends: servers } : {};
}

function nginxRoutes(model: StackModel): PublicRoute[] {
  const routes: PublicRoute[] = [];
  for (const server of nginxServers(model)) {
    const proxyService = service(model, server.config.services[0]);
    const hosts = server.names.filter((n) => n !== '_' && n !== '' && n !== '""');
    for (const listen of server.listens) {
      const publicPort = proxyService ? publishedPort(proxyService, listen.port) : listen.port;
      for (const location of server.locations) {
        if (location.modifier === '@' || location.modifier === '~' || location.modifier === '~*') continue;
        const target = proxyTarget(server, location);
        const auth = authOf(location);
        routes.push({
          proxy: 'nginx',
          ...(proxyService ? { service: proxyService.name } : {}),
          scheme: listen.ssl ? 'https' : 'http',
          hosts,
          listenPort: listen.port,
          ...(publicPort !== undefined ? { publicPort } : {}),
          path: location.path,
          exact: location.modifier === '=',
          ...(target && parseUrl(target.url) ? { upstream: parseUrl(target.url)! } : {}),
          ...nginxBackends(server, location),
          sso: auth.sso !== undefined,
          basic: auth.basic !== undefined,
          tokenOnly: location.levels[0]!.some((d) => d.name === 'if' && d.args.join(' ').includes('$http_authorization')),
          signInOn401: effectiveAll(location.levels, 'error_page').some((d) => d.args.slice(0, -1).includes('401')),
          at: location.directive.at,
        });
      }
    }
  }
  return routes;
}

/** Does a Traefik errors middleware's `status` ("401", "400-499", "401,403") cover this code? */
function statusCovers(status: string, code: number): boolean {
  return status.split(',').some((part) => {
    const [from, to] = part.trim().split('-').map(Number);
    return from !== undefined && code >= from && code <= (to ?? from);
  });
}

/** Host(`a`) || Host(`b`) && PathPrefix(`/x`) -> hosts and path (good enough for the usual rules). */
export function ruleParts(rule: string): { hosts: string[]; path: string; exact: boolean } {
  const hosts = [...rule.matchAll(/\bHost\(([^)]*)\)/g)].flatMap((m) => [...m[1]!.matchAll(/[`"']([^`"']+)[`"']/g)].map((v) => v[1]!));
  const prefix = /\bPathPrefix\(\s*[`"']([^`"']+)[`"']/.exec(rule)?.[1];
  const exact = /\bPath\(\s*[`"']([^`"']+)[`"']/.exec(rule)?.[1];
  return { hosts, path: prefix ?? exact ?? '', exact: prefix === undefined && exact !== undefined };
}

function traefikRoutes(model: StackModel): PublicRoute[] {
  const traefik = model.traefik;
  const proxyService = service(model, traefik.service);
  const routes: PublicRoute[] = [];
  for (const router of traefik.routers) {
    if (!router.rule) continue;
    const parts = ruleParts(router.rule.value);
    const entryPoints = router.entryPoints.length > 0 ? traefik.entryPoints.filter((e) => router.entryPoints.includes(e.name)) : traefik.entryPoints;
    const middlewares = traefik.middlewares.filter((m) => router.middlewares.includes(m.name));
    const serviceName = router.service ?? router.owner;
    const traefikService = traefik.services.find((s) => s.name === serviceName);
    const target = traefikService?.url ?? (router.owner ? `http://${router.owner}` : undefined);
    const backends = (traefikService?.urls ?? []).map((u) => parseUrl(u)).filter((u): u is ParsedUrl => u !== undefined);
    for (const entryPoint of entryPoints.length > 0 ? entryPoints : [undefined]) {
      const listenPort = entryPoint?.address ? (splitAddress(entryPoint.address.value).port ?? 80) : router.tls ? 443 : 80;
      const publicPort = proxyService ? publishedPort(proxyService, listenPort) : listenPort;
      routes.push({
        proxy: 'traefik',
        ...(proxyService ? { service: proxyService.name } : {}),
        scheme: router.tls || listenPort === 443 ? 'https' : 'http',
        hosts: parts.hosts,
        listenPort,
        ...(publicPort !== undefined ? { publicPort } : {}),
        path: parts.path,
        exact: parts.exact,
        ...(target && parseUrl(target) ? { upstream: parseUrl(target)! } : {}),
        ...(backends.length > 1 ? { backends } : {}),
        sso: middlewares.some((m) => m.kind.toLowerCase() === 'forwardauth'),
        basic: middlewares.some((m) => m.kind.toLowerCase() === 'basicauth'),
        tokenOnly: false,
        signInOn401: middlewares.some((m) => (m.kind.toLowerCase() === 'errors' && statusCovers(m.options.get('status')?.value ?? '', 401)) || (m.kind.toLowerCase() === 'forwardauth' && m.options.has('authsigninurl'))),
        at: router.rule.at,
      });
    }
  }
  return routes;
}

function caddyRoutes(model: StackModel): PublicRoute[] {
  const routes: PublicRoute[] = [];
  for (const file of model.caddy) {
    const proxyService = service(model, file.services[0]);
    for (const site of file.sites) {
      for (const written of site.addresses) {
        // {$VAR}, {$VAR:default} and {env.VAR} are Caddy's environment: the Caddy service's own.
        const address = written.replace(/\{\$([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}|\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name?: string, fallback?: string, envName?: string) => proxyService?.environment.get((name ?? envName)!)?.value ?? fallback ?? whole);
        // A placeholder nothing fills in: the host is unknown (any host), never a name to print in a fix.
        const unknownHost = /\{[^}]*\}/.test(address);
        const concrete = unknownHost ? address.replace(/\{[^}]*\}/g, 'unknown.invalid') : address;
        const withScheme = /^[a-z]+:\/\//.test(concrete) ? concrete : `${/:80$/.test(concrete) ? 'http' : 'https'}://${concrete}`;
        const url = parseUrl(withScheme);
        if (!url) continue;
        const scheme = url.scheme === 'http' ? 'http' : 'https';
        const publicPort = proxyService ? publishedPort(proxyService, url.port) : url.port;
        // A Caddy path matcher without a trailing * matches that path only.
        const walk = (directives: CaddyDirective[], path: string, sso: boolean, basic: boolean, exact = false, signIn = false) => {
          const hereSso = sso || directives.some((d) => d.name === 'forward_auth');
          // forward_auth with a handle_response: the auth check's answer (a 401) is turned into something else.
          const hereSignIn = signIn || directives.some((d) => d.name === 'forward_auth' && (d.block ?? []).some((inner) => inner.name === 'handle_response'));
          const hereBasic = basic || directives.some((d) => d.name === 'basicauth' || d.name === 'basic_auth');
          for (const d of directives) {
            if (d.name === 'reverse_proxy') {
              const targets = d.args.filter((a) => !a.startsWith('@') && !a.startsWith('/'));
              const asUrl = (t: string) => parseUrl(/^[a-z]+:\/\//.test(t) ? t : `http://${t}`);
              const upstream = targets[0] ? asUrl(targets[0]) : undefined;
              const backends = targets.map(asUrl).filter((u): u is ParsedUrl => u !== undefined);
              routes.push({
                proxy: 'caddy',
                ...(proxyService ? { service: proxyService.name } : {}),
                scheme,
                hosts: url.host && !unknownHost ? [url.host] : [],
                listenPort: url.port,
                ...(publicPort !== undefined ? { publicPort } : {}),
                path,
                exact,
                ...(upstream ? { upstream } : {}),
                ...(backends.length > 1 ? { backends } : {}),
                sso: hereSso,
                basic: hereBasic,
                tokenOnly: false,
                signInOn401: hereSignIn,
                at: d.at,
              });
            } else if ((d.name === 'handle' || d.name === 'route' || d.name === 'handle_path') && d.block) {
              const matcher = d.args[0]?.startsWith('/') ? d.args[0] : undefined;
              walk(d.block, matcher ? matcher.replace(/\*$/, '') : path, hereSso, hereBasic, matcher ? !matcher.endsWith('*') : exact, hereSignIn);
            }
          }
        };
        walk(site.directives, '', false, false);
      }
    }
  }
  return routes;
}

/** oauth2-proxy with http(s) upstreams is itself the reverse proxy: it serves its own prefix and forwards the rest. */
function oauth2ProxyRoutes(model: StackModel): PublicRoute[] {
  const routes: PublicRoute[] = [];
  for (const instance of model.oauth2Proxies) {
    const proxyService = service(model, instance.service);
    if (!proxyService) continue;
    const upstreams = settingList(instance, 'upstreams').map((u) => parseUrl(u)).filter((u): u is ParsedUrl => u !== undefined && /^https?$/.test(u.scheme));
    if (upstreams.length === 0) continue;
    const listenPort = splitAddress(settingText(instance, 'http_address') ?? '127.0.0.1:4180').port ?? 4180;
    const publicPort = publishedPort(proxyService, listenPort);
    const redirectHost = parseUrl(settingText(instance, 'redirect_url'))?.host;
    const tls = Boolean(settingText(instance, 'tls_cert_file'));
    const base = {
      proxy: 'oauth2-proxy' as const,
      service: proxyService.name,
      scheme: tls ? ('https' as const) : ('http' as const),
      hosts: redirectHost ? [redirectHost] : [],
      listenPort,
      ...(publicPort !== undefined ? { publicPort } : {}),
      exact: false,
      basic: false,
      tokenOnly: false,
      signInOn401: false,
      at: instance.settings.get('upstreams')?.at ?? instance.at,
    };
    const prefix = (settingText(instance, 'proxy_prefix') ?? '/oauth2').replace(/\/+$/, '');
    routes.push({ ...base, path: prefix, upstream: parseUrl(`http://${proxyService.name}:${listenPort}`)!, sso: false });
    for (const upstream of upstreams) routes.push({ ...base, path: upstream.path.replace(/\/+$/, ''), upstream, sso: true });
  }
  return routes;
}

export function publicRoutes(model: StackModel): PublicRoute[] {
  return [...nginxRoutes(model), ...traefikRoutes(model), ...caddyRoutes(model), ...oauth2ProxyRoutes(model)];
}

/** A route that serves Prefect's API paths: everything, or a prefix under /api. */
export function servesApi(route: PublicRoute): boolean {
  return route.path === '' || route.path === '/' || route.path.startsWith('/api');
}

/** Does the route's upstream go to this compose service (by name or alias)? */
export function routesTo(model: StackModel, route: PublicRoute, serviceName: string): boolean {
  const host = route.upstream?.host.toLowerCase();
  if (!host) return false;
  const target = service(model, serviceName);
  return host === serviceName.toLowerCase() || (target?.networks.some((n) => n.aliases.some((a) => a.value.toLowerCase() === host)) ?? false);
}

/** Browser-visible origins of a route (one per host name); empty when the port is not published. */
export function routeOrigins(route: PublicRoute): { scheme: string; host: string; port: number }[] {
  if (route.publicPort === undefined) return [];
  return route.hosts.map((host) => ({ scheme: route.scheme, host: host.toLowerCase(), port: route.publicPort! }));
}

/** A call the Prefect UI makes to its own host's API. */
const UI_API_CALL = '/api/flows/filter';

function serves(route: PublicRoute, path: string): boolean {
  if (route.exact) return route.path === path;
  return path.startsWith(route.path) || route.path === '';
}

/**
 * Each host (per proxy and listen port) where the UI is served behind SSO,
 * with the route that serves the UI's own API calls there (the longest match).
 */
export function uiApiRoutes(model: StackModel, isPrefect: (upstream: string) => boolean): { ui: PublicRoute; api: PublicRoute | undefined; host: string }[] {
  const groups = new Map<string, PublicRoute[]>();
  // One group per host name a route answers (a rule may name several).
  for (const route of publicRoutes(model)) {
    for (const host of route.hosts.length > 0 ? route.hosts : ['']) {
      const key = `${route.proxy}|${route.listenPort}|${host.toLowerCase()}`;
      groups.set(key, [...(groups.get(key) ?? []), route]);
    }
  }
  const out: { ui: PublicRoute; api: PublicRoute | undefined; host: string }[] = [];
  for (const group of groups.values()) {
    const ui = group.find((r) => !r.exact && (r.path === '' || r.path === '/') && r.sso && r.upstream && isPrefect(r.upstream.text));
    if (!ui) continue;
    const api = group.filter((r) => serves(r, UI_API_CALL)).sort((a, b) => b.path.length - a.path.length)[0];
    out.push({ ui, api, host: (api && api.hosts.find((h) => ui.hosts.includes(h))) ?? ui.hosts[0] ?? 'the UI host' });
  }
  return out;
}
