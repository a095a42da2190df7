/** oauth2-proxy: signs people in at the identity provider; the proxy asks it about every UI request. */
import { renderTemplate } from '../../../render/templates.js';
import { EDGE_NETWORK, healthcheck, secretRef } from '../../compose.js';
import { file } from '../../files.js';
import type { Component } from '../../types.js';
import { OAUTH2_PROXY_CONFIG, OAUTH2_PROXY_IMAGE, OAUTH2_PROXY_PORT } from './facts.js';
import { oauth2ProxySettings } from './settings.js';
import { CA_IN_CONTAINER } from '../../target/server/facts.js';

const CONFIG_FILE = 'oauth2-proxy/oauth2-proxy.cfg';

export const oauth2Proxy: Component = {
  id: 'oauth2-proxy',
  concern: 'sso',
  appliesTo: () => true,
  plan(ctx) {
    const settings = oauth2ProxySettings(ctx);
    const idpService = ctx.identity.service;
    return {
      services: [
        {
          name: 'oauth2-proxy',
          purpose: `Signs people in against the identity provider; ${ctx.capabilities.proxyService} asks it about every UI request (auth_request).`,
          image: OAUTH2_PROXY_IMAGE,
          command: [`--config=${OAUTH2_PROXY_CONFIG}`],
          // OIDC discovery runs once at start-up: restart until the identity provider answers.
          restart: 'unless-stopped',
          environment: [
            { key: 'OAUTH2_PROXY_CLIENT_SECRET', value: secretRef('OAUTH2_PROXY_CLIENT_SECRET') },
            { key: 'OAUTH2_PROXY_COOKIE_SECRET', value: secretRef('OAUTH2_PROXY_COOKIE_SECRET') },
          ],
          ports: [],
          volumes: [
            { type: 'bind', source: `./${CONFIG_FILE}`, target: OAUTH2_PROXY_CONFIG, readOnly: true },
            ...(ctx.spec.tls?.ca ? [{ type: 'bind' as const, source: `./${ctx.spec.tls.ca}`, target: CA_IN_CONTAINER, readOnly: true }] : []),
          ],
          networks: [{ name: EDGE_NETWORK, aliases: [] }],
          dependsOn: [
            ...(idpService ? [{ service: idpService, condition: 'service_healthy' as const }] : []),
            { service: ctx.capabilities.proxyService, condition: 'service_started' },
          ],
          healthcheck: healthcheck(['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${OAUTH2_PROXY_PORT}/ping`], '5s'),
          listensOn: OAUTH2_PROXY_PORT,
        },
      ],
      secrets: [
        {
          name: 'OAUTH2_PROXY_CLIENT_SECRET',
          alias: 'client-secret',
          purpose: `OIDC client secret shared by oauth2-proxy and ${idpService ? `the ${ctx.identity.displayName} realm` : ctx.identity.displayName}`,
          bytes: 32,
          source: ctx.identity.clientSecret,
          usedBy: ['oauth2-proxy', ...(idpService ? [idpService] : [])],
          afterRotate: ctx.identity.clientSecretRotation ?? { when: 'before', text: `Enter the new value as the client secret at ${ctx.identity.displayName}.` },
        },
        // 32 random bytes as URL-safe base64: oauth2-proxy decodes it to exactly the 32-byte AES key it needs.
        {
          name: 'OAUTH2_PROXY_COOKIE_SECRET',
          alias: 'cookie-secret',
          purpose: 'Key that encrypts and signs the session cookie',
          bytes: 32,
          source: { generate: true },
          usedBy: ['oauth2-proxy'],
          afterRotate: { when: 'after', text: 'Every signed-in person has to sign in again.' },
        },
      ],
      files: [
        file(CONFIG_FILE, 'oauth2-proxy settings (its secrets come from .env)', () => renderTemplate('sso/oauth2Proxy/oauth2-proxy.cfg', {
          title: 'oauth2-proxy settings',
          notes: ['The client secret and the cookie secret are not here: they reach the', 'container as OAUTH2_PROXY_CLIENT_SECRET and OAUTH2_PROXY_COOKIE_SECRET from .env.'],
          ...settings,
        })),
      ],
    };
  },
};
