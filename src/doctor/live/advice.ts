/**
 * Turns a network failure into what a person should change. Each kind names the likely cause
 * in a Docker stack and the setting or command that fixes it.
 */
import type { NetworkFailure } from './http.js';
import { displayUrl, isLoopbackHost, splitUrl } from './compareUrl.js';

export interface Advice {
  message: string;
  why: string;
  fix: string;
}

/** What was being reached: changes who must be able to reach it and what the fix names. */
export type ProbeRole = 'issuer' | 'jwks' | 'oauth2-proxy' | 'authorization';

const ROLE_NAME: Record<ProbeRole, string> = {
  issuer: 'the OpenID discovery document',
  jwks: 'the JWKS (signing keys)',
  'oauth2-proxy': "oauth2-proxy's /oauth2/start",
  authorization: "the IdP's authorization endpoint",
};

function hostAndPort(url: string): { host: string; port: string; hostPort: string } {
  const raw = splitUrl(url);
  const host = raw?.host ?? url;
  const port = raw?.port || (raw?.scheme.toLowerCase() === 'https' ? '443' : '80');
  return { host, port, hostPort: `${host}:${port}` };
}

export function adviseNetworkFailure(failure: NetworkFailure, role: ProbeRole, timeoutMs: number): Advice {
  const shown = displayUrl(failure.url);
  const { host, hostPort } = hostAndPort(failure.url);
  const what = ROLE_NAME[role];
  const code = failure.code ? ` (${failure.code})` : '';
  const containerHint =
    role === 'issuer' || role === 'jwks'
      ? 'oauth2-proxy fetches this URL from inside its container at startup and exits with "failed to discover OIDC configuration" when it cannot.'
      : role === 'authorization'
        ? 'The browser is sent to this URL to log in; if it cannot be reached, nobody can log in.'
        : 'Browsers start every login here.';

  switch (failure.failure) {
    case 'refused':
      if (isLoopbackHost(host)) {
        return {
          message: `Connection refused at ${shown}${code}: nothing listens on ${hostPort} here.`,
          why:
            `${containerHint} Inside a container ${host} is the container itself, so even when the browser on the host reaches ${host}, ` +
            'oauth2-proxy in its container gets "connect: connection refused" (split-brain).',
          fix:
            `Start the service or publish its port, and give the URL a name that resolves the same in the browser and in containers: ` +
            `e.g. replace ${host} with idp.localtest.me and add that name as a network alias on the container serving it ` +
            `(networks: { default: { aliases: [idp.localtest.me] } }).`,
        };
      }
      return {
        message: `Connection refused at ${shown}${code}: nothing listens on ${hostPort}.`,
        why: `${containerHint}`,
        fix: `Check that the service is running and that ${hostPort} is the published port (docker compose ps), then correct the URL or the port mapping.`,
      };
    case 'dns':
      if (host === 'localtest.me' || host.endsWith('.localtest.me')) {
        return {
          message: `${host} does not resolve here${code}, so ${what} at ${shown} cannot be reached.`,
          why:
            `*.localtest.me is a public DNS name for 127.0.0.1: offline, or behind a resolver that drops private answers ` +
            '(DNS-rebinding protection in routers, Pi-hole, dnsmasq stop-dns-rebind), it does not resolve. Containers are not affected: ' +
            'the name is a network alias of the proxy there.',
          fix: `Add "127.0.0.1 ${host}" (with the stack's other *.localtest.me names) to /etc/hosts on this computer; nothing else needs DNS.`,
        };
      }
      return {
        message: `${host} does not resolve${code}, so ${what} at ${shown} cannot be reached.`,
        why:
          `${containerHint} A Docker service name resolves only inside its compose network, never in the browser; ` +
          'a URL both sides use needs a name both sides resolve.',
        fix:
          `Use a name that resolves everywhere: a DNS record for ${host}, or a *.localtest.me name (resolves to 127.0.0.1) ` +
          'plus the same name as a network alias on the container that serves it.',
      };
    case 'unreachable':
      return {
        message: `No route to ${hostPort}${code} for ${what} at ${shown}.`,
        why: containerHint,
        fix: `Check the address of ${host} and any firewall between here and it.`,
      };
    case 'tls-plain-http':
      return {
        message: `${shown} uses https, but ${hostPort} answers plain HTTP (${failure.code ?? 'ERR_SSL_WRONG_VERSION_NUMBER'}).`,
        why: 'The TLS handshake cannot succeed against a plain-HTTP port, so every request to this URL fails.',
        fix: `Write http:// for this port, or point the URL at the TLS port of the proxy in front of it (usually 443).`,
      };
    case 'tls':
      // The server refused its own side of the handshake: it has no certificate it can load for the name.
      if (failure.code === 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR') {
        return {
          message: `TLS to ${hostPort} failed${code}: the server has no certificate it can load for ${host}.`,
          why:
            'nginx answers so when it reads certificates at the handshake (certificates by ACME) and none exists for the name yet, ' +
            'or when it cannot read the file or its key.',
          fix:
            'With certificates by ACME, the acme service has not got this one yet: `docker compose logs acme` says why (DNS, port 80). ' +
            "Otherwise the proxy's error log names the file it could not load.",
        };
      }
      return {
        message: `TLS to ${hostPort} failed${code}: ${failure.detail}.`,
        why:
          `${containerHint} A certificate signed by a private CA, a self-signed certificate, an expired one or one issued for another ` +
          'name is rejected by oauth2-proxy exactly as it is here.',
        fix:
          failure.code === 'ERR_TLS_CERT_ALTNAME_INVALID'
            ? `Issue the certificate for ${host} (it must be listed in the certificate's subjectAltName), or use the name the certificate was issued for.`
            : failure.code === 'CERT_HAS_EXPIRED'
              ? `Renew the certificate served on ${hostPort}.`
              : 'If you use a private CA, mount it into oauth2-proxy and set --provider-ca-file=/etc/ssl/private-ca.pem ' +
                '(OAUTH2_PROXY_PROVIDER_CA_FILES=/etc/ssl/private-ca.pem); run the doctor with NODE_EXTRA_CA_CERTS=/path/to/private-ca.pem to check it from here.',
      };
    case 'timeout':
      return {
        message: `No answer from ${shown} within ${timeoutMs} ms.`,
        why:
          `${containerHint} A firewall dropping packets, a proxy waiting on an upstream that is down, or an overloaded service ` +
          'looks like this; oauth2-proxy waits too, then fails.',
        fix: `Check with \`curl -v ${shown}\` where the request stops; if the service is only slow, raise --timeout.`,
      };
    case 'reset':
      return {
        message: `${hostPort} closed the connection without an answer${code} (${shown}).`,
        why: `${containerHint} This usually means TLS spoken to a plain-HTTP port (or the reverse) or a service crashing on the request.`,
        fix: `Check the scheme (http/https) and port of ${shown} and the logs of the service behind ${hostPort}.`,
      };
    case 'invalid-url':
      return {
        message: `${shown} is not a usable URL: ${failure.detail}.`,
        why: 'oauth2-proxy cannot use it either.',
        fix: 'Write an absolute URL: https://host[:port]/path.',
      };
    default:
      return {
        message: `Request to ${shown} failed${code}: ${failure.detail}.`,
        why: containerHint,
        fix: `Run \`curl -v ${shown}\` to see where it fails.`,
      };
  }
}
