/**
 * Traefik: the one published port. Answers every public host name, outside
 * and (through network aliases) inside Docker: the UI behind oauth2-proxy
 * (forwardAuth, with an errors middleware that starts the sign-in), the
 * machine API behind basic auth, and a bundled identity provider. Routes come
 * from the file provider; on a server it obtains its own certificates by ACME.
 */
import { renderTemplate } from '../../../render/templates.js';
import { BACKEND_NETWORK, EDGE_NETWORK, healthcheck, IDENTITY_NETWORK, literal } from '../../compose.js';
import { file } from '../../files.js';
import { proxyRoutes } from '../routes.js';
import type { Component } from '../../types.js';
import { htpasswdLines } from '../nginx/htpasswd.js';
import { authStringUser } from '../../machineAccess/basicAuth/serverAuthString.js';
import { prefectAuthHeader } from '../nginx/prefectAuth.js';
import { traefikView } from './view.js';
import {
  TRAEFIK_CA, TRAEFIK_DATA, TRAEFIK_DATA_VOLUME, TRAEFIK_DYNAMIC, TRAEFIK_DYNAMIC_DIR, TRAEFIK_IMAGE, TRAEFIK_PREFECT_AUTH_FILE,
  TRAEFIK_ROUTES_FILE, TRAEFIK_STATIC, TRAEFIK_STATIC_FILE, TRAEFIK_TLS, TRAEFIK_USERS, TRAEFIK_USERS_FILE,
} from './facts.js';

export const traefik: Component = {
  id: 'traefik',
  concern: 'proxy',
  appliesTo: (spec) => spec.proxy.type === 'traefik',
  // basicAuth verifies on every request with no cache, and knows bcrypt, MD5-crypt and {SHA} (src/secrets/htpasswd.ts).
  capabilities: { passwordHashes: ['sha', 'bcrypt'], proxyService: 'traefik', ownAcme: true },
  plan(ctx) {
    const { spec } = ctx;
    const port = spec.hosts.port;
    const view = traefikView(spec, ctx.urls, ctx.identity);
    const bundledIdp = view.edge.idp !== undefined;
    const authUser = authStringUser(spec);
    return {
      routes: proxyRoutes(ctx),
      services: [
        {
          name: 'traefik',
          purpose: 'The only published port. Answers every public host name, outside and (via aliases) inside Docker.',
          image: TRAEFIK_IMAGE,
          restart: 'unless-stopped',
          // Traefik's own ACME client (lego) trusts the internal CA for the ACME server (tls.ca).
          environment: view.acme?.ca ? [{ key: 'LEGO_CA_CERTIFICATES', value: literal(TRAEFIK_CA) }] : [],
          ports: [
            ...(view.http ? [{ bind: spec.hosts.bind, published: view.http.port, target: view.http.port }] : []),
            { bind: spec.hosts.bind, published: port, target: port },
            ...(view.admin ? [{ bind: '127.0.0.1', published: view.admin.port, target: view.admin.port }] : []),
          ],
          volumes: [
            { type: 'bind', source: `./${TRAEFIK_STATIC_FILE}`, target: TRAEFIK_STATIC, readOnly: true },
            { type: 'bind', source: `./${TRAEFIK_DYNAMIC_DIR}`, target: TRAEFIK_DYNAMIC, readOnly: true },
            ...(view.edge.machine.basic ? [{ type: 'bind' as const, source: `./${TRAEFIK_USERS_FILE}`, target: TRAEFIK_USERS, readOnly: true }] : []),
            ...(spec.tls?.certificate && spec.tls.key
              ? [
                  { type: 'bind' as const, source: `./${spec.tls.certificate}`, target: TRAEFIK_TLS.certificate, readOnly: true },
                  { type: 'bind' as const, source: `./${spec.tls.key}`, target: TRAEFIK_TLS.key, readOnly: true },
                ]
              : []),
            ...(view.acme?.ca ? [{ type: 'bind' as const, source: `./${spec.tls!.ca!}`, target: TRAEFIK_CA, readOnly: true }] : []),
            // The ACME account and certificates outlive the container.
            ...(view.acme ? [{ type: 'volume' as const, source: TRAEFIK_DATA_VOLUME, target: TRAEFIK_DATA, readOnly: false }] : []),
          ],
          networks: [
            { name: EDGE_NETWORK, aliases: [spec.hosts.ui, spec.hosts.machine, ...(bundledIdp ? [spec.hosts.idp] : [])] },
            { name: BACKEND_NETWORK, aliases: [] },
            ...(bundledIdp ? [{ name: IDENTITY_NETWORK, aliases: [] }] : []),
          ],
          // No depends_on: Traefik resolves each backend when it connects, and serves while one is down.
          dependsOn: [],
          healthcheck: healthcheck(['CMD', 'traefik', 'healthcheck', '--ping'], '5s'),
          listensOn: port,
        },
      ],
      volumes: view.acme ? [TRAEFIK_DATA_VOLUME] : [],
      files: [
        file(TRAEFIK_STATIC_FILE, "Traefik's entry points, providers and ACME", () => renderTemplate('proxy/traefik/traefik.yml', view)),
        file(TRAEFIK_ROUTES_FILE, 'the routes: SSO on the UI host, machine credentials on the API host', () => renderTemplate('proxy/traefik/prefect.yml', view)),
        ...(view.edge.machine.basic
          ? [
              file(
                TRAEFIK_USERS_FILE,
                'hashes of the machine passwords',
                ({ plan, secrets, random, existing }) => renderTemplate('proxy/caddy/machine-users', { entries: htpasswdLines(plan, secrets, random, existing(TRAEFIK_USERS_FILE)) }),
                { gitIgnored: true },
              ),
            ]
          : []),
        ...(authUser
          ? [
              file(TRAEFIK_PREFECT_AUTH_FILE, "Prefect's auth string, which Traefik sends for signed-in people", ({ secrets }) => renderTemplate('proxy/traefik/prefect-auth.yml', { header: prefectAuthHeader(authUser, secrets) }), {
                secret: true,
              }),
            ]
          : []),
      ],
      nextSteps: authUser
        ? [{ order: 6, title: 'Prefect checks the machine credential too', template: 'proxy/caddy/steps/prefect-auth', view: { user: authUser, file: TRAEFIK_PREFECT_AUTH_FILE, proxy: 'Traefik' } }]
        : [],
    };
  },
};
