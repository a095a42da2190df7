/**
 * nginx: the one published port. Answers every public host name, outside and
 * (through network aliases) inside Docker: the UI behind oauth2-proxy, the
 * machine API behind basic auth, and a bundled identity provider.
 */
import { renderTemplate } from '../../../render/templates.js';
import { BACKEND_NETWORK, EDGE_NETWORK, healthcheck, IDENTITY_NETWORK } from '../../compose.js';
import { file, readableByGroup } from '../../files.js';
import type { Plan } from '../../../plan/types.js';
import { proxyRoutes } from '../routes.js';
import type { Component } from '../../types.js';
import { HTPASSWD_FILE, htpasswdLines } from './htpasswd.js';
import { authStringUser } from '../../machineAccess/basicAuth/serverAuthString.js';
import { PREFECT_AUTH_FILE, PREFECT_AUTH_IN_PROXY, prefectAuthHeader } from './prefectAuth.js';
import { hashNote, NGINX_ACME_DATA, NGINX_CONF, NGINX_HTPASSWD, NGINX_TLS, NGINX_USER, nginxView } from './view.js';
import { ACME_VOLUME, ACME_WEBROOT, ACME_WEBROOT_VOLUME } from '../../certificates/acme/facts.js';

/** nginx's group: it alone may read the secret files nginx needs. */
const NGINX_GROUP = NGINX_USER.split(':')[1]!;

// An exact release, not the moving 1.30 tag: the real-stack tests run 1.30.6 (test/realstack/components.ts).
export const NGINX_IMAGE = 'nginx:1.30.6-alpine';

export const nginx: Component = {
  id: 'nginx',
  concern: 'proxy',
  appliesTo: (spec) => spec.proxy.type === 'nginx',
  // auth_basic verifies both natively; {SSHA} costs microseconds, bcrypt tens of milliseconds (secrets/htpasswd.ts).
  capabilities: { passwordHashes: ['ssha', 'bcrypt'], proxyService: 'nginx', proxyGroup: NGINX_GROUP },
  plan(ctx) {
    const { spec } = ctx;
    const port = spec.hosts.port;
    const bundledIdp = ctx.identity.bundled !== undefined;
    const view = nginxView(spec, ctx.urls, ctx.identity);
    const authUser = authStringUser(spec);
    return {
      routes: proxyRoutes(ctx),
      services: [
        {
          name: 'nginx',
          purpose: 'The only published port. Answers every public host name, outside and (via aliases) inside Docker.',
          image: NGINX_IMAGE,
          user: NGINX_USER,
          restart: 'unless-stopped',
          environment: [],
          // Same port inside as outside, so a URL means the same thing to the browser and to containers.
          ports: [
            ...(view.tls ? [{ bind: spec.hosts.bind, published: view.tls.httpPort, target: view.tls.httpPort }] : []),
            { bind: spec.hosts.bind, published: port, target: port },
            // The identity provider's admin console on a server: the host's loopback only.
            ...(view.idp?.adminPort ? [{ bind: '127.0.0.1', published: view.idp.adminPort, target: view.idp.adminPort }] : []),
          ],
          volumes: [
            { type: 'bind', source: './proxy/nginx.conf', target: NGINX_CONF, readOnly: true },
            ...(view.machine.basic ? [{ type: 'bind' as const, source: './proxy/htpasswd', target: NGINX_HTPASSWD, readOnly: true }] : []),
            ...(authUser ? [{ type: 'bind' as const, source: `./${PREFECT_AUTH_FILE}`, target: PREFECT_AUTH_IN_PROXY, readOnly: true }] : []),
            ...(spec.tls?.certificate && spec.tls.key
              ? [
                  { type: 'bind' as const, source: `./${spec.tls.certificate}`, target: NGINX_TLS.certificate, readOnly: true },
                  { type: 'bind' as const, source: `./${spec.tls.key}`, target: NGINX_TLS.key, readOnly: true },
                ]
              : []),
            // ACME: lego's certificates, and the challenge files port 80 serves.
            ...(spec.tls?.acme
              ? [
                  { type: 'volume' as const, source: ACME_VOLUME, target: NGINX_ACME_DATA, readOnly: true },
                  { type: 'volume' as const, source: ACME_WEBROOT_VOLUME, target: ACME_WEBROOT, readOnly: true },
                ]
              : []),
          ],
          networks: [
            { name: EDGE_NETWORK, aliases: [spec.hosts.ui, spec.hosts.machine, ...(bundledIdp ? [spec.hosts.idp] : [])] },
            { name: BACKEND_NETWORK, aliases: [] },
            ...(bundledIdp ? [{ name: IDENTITY_NETWORK, aliases: [] }] : []),
          ],
          // No depends_on: nginx re-resolves its upstreams and must serve while a backend is down.
          dependsOn: [],
          healthcheck: healthcheck(['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${view.healthPort}/healthz`], '5s'),
          listensOn: port,
        },
      ],
      files: [
        file('proxy/nginx.conf', 'the reverse proxy: SSO on the UI host, machine credentials on the API host', ({ plan }) =>
          renderTemplate('proxy/nginx/nginx.conf', { ...view, hashNote: hashNote(plan.machineUsers) }),
        ),
        // Salted hashes (bcrypt for a chosen password): never committed or diffed, but world-readable,
        // because nginx's unprivileged worker reads it at request time.
        ...(view.machine.basic
          ? [
              file(
                HTPASSWD_FILE,
                'salted hashes of the machine passwords',
                ({ plan, secrets, random, existing }) => renderTemplate('proxy/nginx/htpasswd', { entries: htpasswdLines(plan, secrets, random, existing(HTPASSWD_FILE)) }),
                { gitIgnored: true },
              ),
            ]
          : []),
        // Prefect's auth string as a header for signed-in people: a secret nginx's group reads (NEXT_STEPS says how).
        ...(authUser
          ? [
              file(PREFECT_AUTH_FILE, "Prefect's auth string, which nginx sends for signed-in people", ({ secrets }) => renderTemplate('proxy/nginx/prefect-auth.conf', { header: prefectAuthHeader(authUser, secrets) }), {
                secret: true,
              }),
            ]
          : []),
      ],
      beforeStart: authUser ? [readableByGroup(PREFECT_AUTH_FILE, NGINX_GROUP)] : [],
      nextSteps: [
        ...(authUser
          ? [
              {
                order: 6,
                title: 'Prefect checks the machine credential too',
                template: 'proxy/nginx/steps/prefect-auth',
                view: { user: authUser, file: PREFECT_AUTH_FILE, group: NGINX_GROUP, command: readableByGroup(PREFECT_AUTH_FILE, NGINX_GROUP) },
              },
            ]
          : []),
        ...(view.machine.basic
        ? [
            {
              order: 80,
              title: 'Why the machine passwords use a fast hash',
              template: 'proxy/nginx/steps/fast-hash',
              view: (plan: Plan) => ({ chosenPasswords: plan.machineUsers.filter((u) => u.hash === 'bcrypt').map((u) => u.name) }),
            },
          ]
        : []),
      ],
    };
  },
};
