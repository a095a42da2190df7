/**
 * Caddy: the one published port. Answers every public host name, outside and
 * (through network aliases) inside Docker: the UI behind oauth2-proxy
 * (forward_auth), the machine API behind basic auth, and a bundled identity
 * provider. On a server it obtains its own certificates by ACME (tls.acme).
 */
import { renderTemplate } from '../../../render/templates.js';
import { BACKEND_NETWORK, EDGE_NETWORK, healthcheck, IDENTITY_NETWORK } from '../../compose.js';
import { file } from '../../files.js';
import { proxyRoutes } from '../routes.js';
import type { Component } from '../../types.js';
import { htpasswdLines } from '../nginx/htpasswd.js';
import { authStringUser } from '../../machineAccess/basicAuth/serverAuthString.js';
import { PREFECT_AUTH_FILE, prefectAuthHeader } from '../nginx/prefectAuth.js';
import { caddyView } from './view.js';
import { CADDY_CA, CADDY_DATA, CADDY_DATA_VOLUME, CADDY_IMAGE, CADDY_PREFECT_AUTH, CADDY_TLS, CADDY_USERS, CADDY_USERS_FILE, CADDYFILE } from './facts.js';

export const caddy: Component = {
  id: 'caddy',
  concern: 'proxy',
  appliesTo: (spec) => spec.proxy.type === 'caddy',
  // basic_auth verifies bcrypt and argon2id only, and remembers each success (the Caddyfile enables its cache):
  // a password costs one bcrypt verification, then a lookup. Caddy runs as its image's root and reads secret files as it.
  capabilities: { passwordHashes: ['bcrypt'], passwordCache: true, proxyService: 'caddy', ownAcme: true },
  plan(ctx) {
    const { spec } = ctx;
    const port = spec.hosts.port;
    const view = caddyView(spec, ctx.urls, ctx.identity);
    const bundledIdp = view.edge.idp !== undefined;
    const authUser = authStringUser(spec);
    const httpPort = view.tls?.httpPort;
    return {
      routes: proxyRoutes(ctx),
      services: [
        {
          name: 'caddy',
          purpose: 'The only published port. Answers every public host name, outside and (via aliases) inside Docker.',
          image: CADDY_IMAGE,
          restart: 'unless-stopped',
          environment: [],
          ports: [
            ...(httpPort ? [{ bind: spec.hosts.bind, published: httpPort, target: httpPort }] : []),
            { bind: spec.hosts.bind, published: port, target: port },
            ...(view.edge.idp?.adminPort ? [{ bind: '127.0.0.1', published: view.edge.idp.adminPort, target: view.edge.idp.adminPort }] : []),
          ],
          volumes: [
            { type: 'bind', source: './proxy/Caddyfile', target: CADDYFILE, readOnly: true },
            ...(view.edge.machine.basic ? [{ type: 'bind' as const, source: `./${CADDY_USERS_FILE}`, target: CADDY_USERS, readOnly: true }] : []),
            ...(authUser ? [{ type: 'bind' as const, source: `./${PREFECT_AUTH_FILE}`, target: CADDY_PREFECT_AUTH, readOnly: true }] : []),
            ...(spec.tls?.certificate && spec.tls.key
              ? [
                  { type: 'bind' as const, source: `./${spec.tls.certificate}`, target: CADDY_TLS.certificate, readOnly: true },
                  { type: 'bind' as const, source: `./${spec.tls.key}`, target: CADDY_TLS.key, readOnly: true },
                ]
              : []),
            ...(spec.tls?.acme && spec.tls.ca ? [{ type: 'bind' as const, source: `./${spec.tls.ca}`, target: CADDY_CA, readOnly: true }] : []),
            // ACME accounts and certificates outlive the container.
            ...(spec.tls?.acme ? [{ type: 'volume' as const, source: CADDY_DATA_VOLUME, target: CADDY_DATA, readOnly: false }] : []),
          ],
          networks: [
            { name: EDGE_NETWORK, aliases: [spec.hosts.ui, spec.hosts.machine, ...(bundledIdp ? [spec.hosts.idp] : [])] },
            { name: BACKEND_NETWORK, aliases: [] },
            ...(bundledIdp ? [{ name: IDENTITY_NETWORK, aliases: [] }] : []),
          ],
          // No depends_on: Caddy resolves each backend when it connects, and serves while one is down.
          dependsOn: [],
          healthcheck: healthcheck(['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${httpPort ?? port}/healthz`], '5s'),
          listensOn: port,
        },
      ],
      volumes: spec.tls?.acme ? [CADDY_DATA_VOLUME] : [],
      files: [
        file('proxy/Caddyfile', 'the reverse proxy: SSO on the UI host, machine credentials on the API host', () => renderTemplate('proxy/caddy/Caddyfile', view)),
        // bcrypt hashes: never committed or diffed.
        ...(view.edge.machine.basic
          ? [
              file(
                CADDY_USERS_FILE,
                'bcrypt hashes of the machine passwords',
                ({ plan, secrets, random, existing }) =>
                  renderTemplate('proxy/caddy/machine-users', {
                    entries: htpasswdLines(plan, secrets, random, existing(CADDY_USERS_FILE)?.replace(/^(\S+) /gm, '$1:')).map((line) => line.replace(':', ' ')),
                  }),
                { gitIgnored: true },
              ),
            ]
          : []),
        ...(authUser
          ? [
              file(PREFECT_AUTH_FILE, "Prefect's auth string, which Caddy sends for signed-in people", ({ secrets }) => renderTemplate('proxy/caddy/prefect-auth', { header: prefectAuthHeader(authUser, secrets) }), {
                secret: true,
              }),
            ]
          : []),
      ],
      nextSteps: authUser
        ? [{ order: 6, title: 'Prefect checks the machine credential too', template: 'proxy/caddy/steps/prefect-auth', view: { user: authUser, file: PREFECT_AUTH_FILE, proxy: 'Caddy' } }]
        : [],
    };
  },
};
