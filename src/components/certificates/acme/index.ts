/**
 * Certificates by ACME on the server target (tls.acme): lego obtains and
 * renews one certificate per public name, answering HTTP-01 through the
 * proxy's port 80, and lets the proxy's group read each key. Nothing to put
 * in the folder; the names must resolve to the server and port 80 be open.
 */
import { renderTemplate } from '../../../render/templates.js';
import { EDGE_NETWORK } from '../../compose.js';
import { file } from '../../files.js';
import type { Component } from '../../types.js';
import {
  ACME_CA_IN_CONTAINER, ACME_DATA, ACME_VOLUME, ACME_WEBROOT, ACME_WEBROOT_VOLUME, CHECK_EVERY_SECONDS, LEGO_BINARY,
  LEGO_IMAGE, legoFiles, RENEW_SCRIPT, RENEW_SCRIPT_IN_CONTAINER, RETRY_SECONDS,
} from './facts.js';
import { publicNames } from '../../target/server/names.js';

export const acme: Component = {
  id: 'acme',
  concern: 'certificates',
  // Caddy and Traefik obtain their own certificates; nginx gets them from this companion.
  appliesTo: (spec) => spec.target === 'server' && spec.tls?.acme !== undefined && spec.proxy.type === 'nginx',
  plan(ctx) {
    const { spec } = ctx;
    const settings = spec.tls!.acme!;
    const proxy = ctx.capabilities.proxyService;
    const names = publicNames(ctx);
    const view = {
      lego: LEGO_BINARY,
      email: settings.email,
      directory: settings.directory,
      data: ACME_DATA,
      webroot: ACME_WEBROOT,
      ca: spec.tls!.ca ? ACME_CA_IN_CONTAINER : undefined,
      names: names.map((name) => ({ name, ...legoFiles(name) })),
      group: Number(ctx.capabilities.proxyGroup),
      self: RENEW_SCRIPT_IN_CONTAINER,
      checkEvery: CHECK_EVERY_SECONDS,
      retry: RETRY_SECONDS,
      retryMinutes: RETRY_SECONDS / 60,
    };
    return {
      services: [
        {
          name: 'acme',
          purpose: `Obtains and renews the certificates of ${names.join(', ')} by ACME (HTTP-01 through ${proxy} on port 80).`,
          image: LEGO_IMAGE,
          // Root in its container: it hands each key to the proxy's group (chgrp), nothing else.
          restart: 'unless-stopped',
          entrypoint: ['/bin/sh', RENEW_SCRIPT_IN_CONTAINER],
          environment: [],
          ports: [],
          volumes: [
            { type: 'bind', source: `./${RENEW_SCRIPT}`, target: RENEW_SCRIPT_IN_CONTAINER, readOnly: true },
            { type: 'volume', source: ACME_VOLUME, target: ACME_DATA, readOnly: false },
            { type: 'volume', source: ACME_WEBROOT_VOLUME, target: ACME_WEBROOT, readOnly: false },
            ...(spec.tls!.ca ? [{ type: 'bind' as const, source: `./${spec.tls!.ca}`, target: ACME_CA_IN_CONTAINER, readOnly: true }] : []),
          ],
          // The edge network reaches the internet: the ACME server is there.
          networks: [{ name: EDGE_NETWORK, aliases: [] }],
          // The challenge is answered by the proxy: ask only once it serves port 80.
          dependsOn: [{ service: proxy, condition: 'service_healthy' }],
        },
      ],
      volumes: [ACME_VOLUME, ACME_WEBROOT_VOLUME],
      files: [
        file(RENEW_SCRIPT, 'obtains and renews the certificates by ACME (lego)', () => renderTemplate('certificates/acme/renew.sh', view)),
      ],
      nextSteps: [],
    };
  },
};
