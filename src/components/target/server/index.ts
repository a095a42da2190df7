/**
 * The server target: a host with a domain, reached by its public names over
 * https on the published port (443 by default), plain http on port 80 only
 * redirecting there. The certificate files are the person's (from their CA or
 * an internal one) and stay in the stack folder; the key is git-ignored.
 */
import type { Reachability } from '../../../plan/types.js';
import type { Component } from '../../types.js';
import { HTTP_PORT } from './facts.js';
import { RENEW_SCRIPT_IN_CONTAINER, RETRY_SECONDS } from '../../certificates/acme/facts.js';
import { publicNames } from './names.js';
import { proxyGroup, readableByGroup } from '../../files.js';

export const serverTarget: Component = {
  id: 'server',
  concern: 'target',
  appliesTo: (spec) => spec.target === 'server',
  capabilities: {
    scheme: 'https',
    ci: {
      runsOn: 'ubuntu-latest',
      reachNote: 'The server is reached by its public names: a GitHub-hosted runner works where they resolve and the port is open to it.',
      runnerNote: 'a GitHub-hosted runner works where those names resolve on the internet and the port is open to it; otherwise a self-hosted runner inside your network.',
    },
  },
  plan(ctx) {
    const { spec, urls } = ctx;
    const tls = spec.tls!;
    const proxy = ctx.capabilities.proxyService;
    const viaProxy = (url: string, caller: string): Reachability => ({
      url,
      caller,
      service: proxy,
      port: spec.hosts.port,
      how:
        caller === 'browser'
          ? `${new URL(url).hostname} resolves to the server (your DNS); ${proxy} is published on ${spec.hosts.bind}:${spec.hosts.port}`
          : `${new URL(url).hostname} is a network alias of ${proxy}; ${proxy} listens on ${spec.hosts.port} inside too`,
    });
    // A bundled identity provider is behind the proxy; an external one is on the internet.
    const bundledIssuer = urls.idp && urls.issuer ? [urls.issuer] : [];
    // A proxy that runs as its container's root (Caddy, Traefik) reads the key as it is (0600); nginx reads it through its group.
    const group = ctx.capabilities.proxyGroup;
    const files = tls.acme ? undefined : { certificate: tls.certificate, key: tls.key, keyReadable: group ? readableByGroup(tls.key, proxyGroup(ctx.capabilities)) : undefined };
    return {
      provided: [
        ...(files
          ? [
              { path: files.certificate, what: 'the certificate chain', secret: false, section: 'Names and certificates' },
              { path: files.key, what: 'its private key', secret: true, section: 'Names and certificates' },
            ]
          : []),
        ...(tls.ca ? [{ path: tls.ca, what: tls.acme ? "the internal CA (of the ACME server's certificates)" : 'the internal CA', secret: false, section: 'Names and certificates' }] : []),
      ],
      reachability: [
        ...[urls.ui, urls.uiApi, urls.redirect, ...bundledIssuer, urls.machineApi].map((url) => viaProxy(url, 'browser')),
        // oauth2-proxy's discovery, token and JWKS calls go to the issuer's host: the proxy's alias inside Docker.
        ...bundledIssuer.flatMap((issuer) => [viaProxy(`${issuer}/.well-known/openid-configuration`, 'oauth2-proxy'), viaProxy(issuer, 'oauth2-proxy')]),
        // The admin console: the proxy's port on the server's loopback, through an SSH tunnel.
        ...(urls.admin ? [{ url: urls.admin, caller: 'browser', service: proxy, port: new URL(urls.admin).port ? Number(new URL(urls.admin).port) : 80, how: `an SSH tunnel to the server's loopback, where ${proxy} publishes ${new URL(urls.admin).host}` }] : []),
      ],
      nextSteps: [
        {
          order: 5,
          title: 'Names and certificates',
          template: 'target/server/steps/dns-tls',
          view: {
            names: publicNames(ctx),
            files,
            acme: tls.acme,
            // Caddy and Traefik obtain certificates themselves; nginx's come from the lego companion.
            acmeBy: ctx.capabilities.ownAcme ? proxy : undefined,
            renewNow: `docker compose exec acme sh ${RENEW_SCRIPT_IN_CONTAINER} now`,
            retryMinutes: RETRY_SECONDS / 60,
            ca: tls.ca,
            port: spec.hosts.port,
            httpPort: HTTP_PORT,
            bind: spec.hosts.bind,
            proxy,
            proxyGroup: ctx.capabilities.proxyGroup,
          },
        },
      ],
    };
  },
};
