/**
 * Split-brain: a URL that a container calls resolves somewhere else inside
 * the container than in the browser. `localhost` is the container itself; a
 * *.localtest.me name is 127.0.0.1 unless a network alias claims it;
 * host.docker.internal needs a host-gateway mapping on Linux; a bare service
 * name works for containers but not for the browser that is sent there.
 */
import type { Located, Service, StackModel } from '../load/model.js';
import type { SourcePosition } from '../types.js';
import { defineCheck } from './check.js';
import { formatCorrection, keycloakFor } from './issuerFormat.js';
import { type FindingText } from './util/finding.js';
import { publicRoutes } from './util/routes.js';
import { aliasesNamed, env, frontProxies, service, servicesAnswering, setting } from './util/stack.js';
import { isBareName, isLoopbackHost, parseUrl, resolvesToLoopback } from './util/urls.js';

const ID = 'issuer-split-brain';

interface CalledUrl {
  caller: Service;
  what: string;
  url: string;
  at: SourcePosition;
  /** The browser is also sent to this URL (an issuer's endpoints). */
  browserToo: boolean;
  /** For oauth2-proxy's issuer: the provider's form of it, when the written one is off (issuer-format's finding). */
  corrected?: { url: string; message: string };
}

function calledUrls(model: StackModel): CalledUrl[] {
  const out: CalledUrl[] = [];
  for (const instance of model.oauth2Proxies) {
    const caller = service(model, instance.service);
    if (!caller) continue;
    for (const key of ['oidc_issuer_url', 'redeem_url', 'oidc_jwks_url', 'profile_url', 'validate_url']) {
      const s = setting(instance, key);
      if (s && typeof s.value === 'string' && s.value.trim()) {
        const corrected = key === 'oidc_issuer_url' ? formatCorrection(model, instance) : undefined;
        out.push({ caller, what: s.name, url: s.value.trim(), at: s.valueAt ?? s.at, browserToo: key === 'oidc_issuer_url' && !setting(instance, 'login_url'), ...(corrected ? { corrected } : {}) });
      }
    }
  }
  for (const prefect of model.prefect.services.filter((p) => p.role === 'client')) {
    const caller = service(model, prefect.service)!;
    const api = env(prefect, 'PREFECT_API_URL');
    if (api?.value) out.push({ caller, what: 'PREFECT_API_URL', url: api.value.trim(), at: api.valueAt ?? api.at, browserToo: false });
  }
  return out;
}

/** Who should carry the alias for a public name: the proxy that routes it, else the identity provider. */
function aliasOwner(model: StackModel, host: string): Service | undefined {
  const routed = publicRoutes(model).some((r) => r.hosts.some((h) => h.toLowerCase() === host));
  const proxy = frontProxies(model)[0];
  if (routed && proxy) return proxy;
  const keycloak = keycloakFor(model, host);
  return service(model, keycloak?.service) ?? proxy;
}

function aliasFix(owner: Service | undefined, host: string, caller: Service): string {
  const network = owner?.networks.find((n) => caller.networks.some((m) => m.name === n.name))?.name ?? caller.networks[0]?.name ?? 'default';
  return `under services.${owner?.name ?? '<proxy>'}.networks add  ${network}: { aliases: ["${host}"] }  so containers on ${network} reach the same service the browser reaches`;
}

function check(model: StackModel, call: CalledUrl): FindingText & { severity: 'error' | 'warning' } | undefined {
  const url = parseUrl(call.url);
  if (!url) return undefined;
  const host = url.host.toLowerCase();
  const { caller } = call;

  if (isLoopbackHost(host)) {
    // The suggestion corrects the provider's form too (issuer-format's finding on this line yields to this one).
    const shown = (call.corrected && parseUrl(call.corrected.url)) || url;
    const hostname = model.keycloaks[0]?.options.get('hostname')?.value;
    const advertised = call.what.startsWith('PREFECT') ? undefined : (parseUrl(hostname)?.host ?? hostname?.split('/')[0]);
    const publicName = advertised && !isLoopbackHost(advertised) ? advertised : `${call.what.startsWith('PREFECT') ? 'prefect' : (model.keycloaks[0]?.service ?? 'idp')}.localtest.me`;
    const aliased = aliasesNamed(model, publicName).some((a) => caller.networks.some((n) => n.name === a.network));
    return {
      severity: 'error',
      message: `${call.what} points at ${url.host}, which inside the ${caller.name} container is the container itself${call.corrected ? `; and ${call.corrected.message.replace(new RegExp(`^${call.what} `), 'it ')}` : ''}`,
      why: `${caller.name} gets "connection refused" (oauth2-proxy: "failed to discover OIDC configuration"), while the same URL works in the browser`,
      fix: `use a name that both resolve to the same service, e.g. ${shown.scheme}://${publicName}${shown.explicitPort ? `:${shown.explicitPort}` : ''}${shown.path}${aliased ? ` (already a network alias ${caller.name} reaches)` : `, and ${aliasFix(aliasOwner(model, publicName), publicName, caller)}`}`,
    };
  }
  if (resolvesToLoopback(host)) {
    const aliases = aliasesNamed(model, host);
    if (aliases.length === 0) {
      return {
        severity: 'error',
        message: `${call.what} uses ${url.host}, which resolves to 127.0.0.1, and no service has it as a network alias`,
        why: `inside ${caller.name} the name is the container itself, so the call is refused, while the browser reaches the published port`,
        fix: aliasFix(aliasOwner(model, host), host, caller),
      };
    }
    const reachable = aliases.filter((a) => caller.networks.some((n) => n.name === a.network));
    if (reachable.length === 0) {
      const a = aliases[0]!;
      return {
        severity: 'error',
        message: `${url.host} is an alias of ${a.service.name} on network ${a.network}, which ${caller.name} does not join`,
        why: `without a shared network the alias does not resolve inside ${caller.name}; the name falls back to 127.0.0.1`,
        fix: `add network ${a.network} to services.${caller.name}.networks`,
      };
    }
    return portMismatch(reachable[0]!.service, url.port, call);
  }
  if (host === 'host.docker.internal') {
    const mapped = caller.extraHosts.some((h: Located) => /^host\.docker\.internal[:=]host-gateway$/.test(h.value.replace(/\s/g, '')));
    if (!mapped) {
      return {
        severity: 'warning',
        message: `${call.what} uses host.docker.internal, but ${caller.name} has no host-gateway mapping`,
        why: 'Docker Desktop provides the name; Docker Engine on Linux does not, and the lookup fails there',
        fix: `under services.${caller.name} add  extra_hosts: ["host.docker.internal:host-gateway"]`,
      };
    }
    return undefined;
  }
  if (isBareName(host)) {
    const answering = servicesAnswering(model, host, caller);
    if (answering.length === 0) {
      return {
        severity: 'error',
        message: `${call.what} uses ${url.host}, but no service or network alias of that name shares a network with ${caller.name}`,
        why: `the name does not resolve inside ${caller.name}`,
        fix: `use the name of the service that answers, or put both services on one network`,
      };
    }
    if (call.browserToo) {
      const keycloak = keycloakFor(model, host);
      if (keycloak && !keycloak.options.get('hostname')) {
        return {
          severity: 'error',
          message: `${call.what} uses the Docker service name ${url.host}; Keycloak then advertises login URLs on ${url.host}, which the browser cannot resolve`,
          why: 'sign-in redirects the browser to the authorization endpoint from discovery, and that name exists only inside Docker',
          fix: `use one public name for both: set KC_HOSTNAME to the public URL, point ${call.what} at it, and ${aliasFix(aliasOwner(model, 'keycloak.localtest.me'), '<that public name>', caller)}`,
        };
      }
    }
    return portMismatch(answering[0]!, url.port, call);
  }
  return undefined;
}

/** An aliased service must listen on the URL's port inside Docker, not only on the host. */
function portMismatch(target: Service, port: number, call: CalledUrl): (FindingText & { severity: 'error' }) | undefined {
  const published = target.ports.find((p) => p.published === String(port) && p.target !== undefined && p.target !== port);
  if (!published) return undefined;
  if (target.ports.some((p) => p.target === port)) return undefined;
  return {
    severity: 'error',
    message: `${call.what} uses port ${port}, which ${target.name} publishes on the host but listens on ${published.target} inside Docker`,
    why: `${call.caller.name} reaches ${target.name} directly, on its container port, so port ${port} is refused`,
    fix: `publish the same port on both sides ("${port}:${port}") and make ${target.name} listen on ${port}`,
  };
}

export const issuerSplitBrain = defineCheck(
  {
    id: ID,
    title: 'URLs containers call resolve to the same service as in the browser',
    severity: 'error',
    appliesTo: (model) => model.services.length > 0 && (model.oauth2Proxies.some((o) => o.service) || model.prefect.services.length > 0),
  },
  (model, report) => {
    const seen = new Set<string>();
    for (const call of calledUrls(model)) {
      const result = check(model, call);
      const key = `${call.caller.name}|${call.url}|${result?.message}`;
      if (!result || seen.has(key)) continue;
      seen.add(key);
      const { severity, ...text } = result;
      report.add(severity, call.at, text);
    }
  },
);
