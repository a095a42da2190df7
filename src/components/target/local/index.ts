/**
 * The local target: this computer, plain http on loopback, public names under
 * *.localtest.me (127.0.0.1 by public DNS) that are also network aliases of
 * the proxy inside Docker, so a URL means the same service to the browser and
 * to every container.
 */
import type { Reachability } from '../../../plan/types.js';
import type { Component } from '../../types.js';
import { hostsFileLine } from '../../../plan/hosts.js';
import { EXPOSURE_CHECK, isLoopbackBind, LOCAL_STACK_EXPOSED } from './facts.js';

const LOOPBACK = '127.0.0.1';

export const localTarget: Component = {
  id: 'local',
  concern: 'target',
  appliesTo: (spec) => spec.target === 'local',
  capabilities: {
    scheme: 'http',
    ci: {
      runsOn: 'self-hosted',
      reachNote: 'The local stack is reached through localtest.me on this machine: use a self-hosted runner here.',
      runnerNote: 'for this local stack that means a self-hosted runner on this machine.',
    },
  },
  plan(ctx) {
    const { spec, urls } = ctx;
    const port = spec.hosts.port;
    const proxy = ctx.capabilities.proxyService;
    const viaProxy = (url: string, caller: string): Reachability => ({
      url,
      caller,
      service: proxy,
      port,
      how:
        caller === 'browser'
          ? `${new URL(url).hostname} resolves to 127.0.0.1 (localtest.me by public DNS, *.localhost in the browser); ${proxy} is published on ${spec.hosts.bind}:${port}`
          : `${new URL(url).hostname} is a network alias of ${proxy}; ${proxy} listens on ${port} inside too`,
    });
    // A bundled identity provider is behind the proxy too; an external one is on the internet.
    const bundledIssuer = urls.idp && urls.issuer ? [urls.issuer] : [];
    const browser = [urls.ui, urls.uiApi, urls.redirect, ...bundledIssuer, urls.machineApi, ...(urls.admin ? [urls.admin] : [])];
    // *.localtest.me is 127.0.0.1 by public DNS; *.localhost the browser resolves itself.
    const inUse = new Set(browser.map((url) => new URL(url).hostname));
    const names = [spec.hosts.ui, spec.hosts.machine, spec.hosts.idp].filter((name) => inUse.has(name) && name.endsWith('.localtest.me'));
    const localNames = names.map((name) => ({ name, address: LOOPBACK }));
    return {
      localNames,
      // The local stack is a development stack: plain http, a development Keycloak with a demo user.
      warnings: isLoopbackBind(spec.hosts.bind) ? [] : [`hosts.bind is ${spec.hosts.bind}: ${LOCAL_STACK_EXPOSED}. Keep hosts.bind: 127.0.0.1 unless you mean that.`],
      // doctor says the same of the rendered stack, as it should; the self-check knows it was chosen.
      acknowledgedChecks: isLoopbackBind(spec.hosts.bind) ? [] : [EXPOSURE_CHECK],
      nextSteps: [{ order: 15, title: 'If the names do not resolve', template: 'target/local/steps/names', view: { line: hostsFileLine(localNames) } }],
      reachability: [
        ...browser.map((url) => viaProxy(url, 'browser')),
        // oauth2-proxy's discovery, token and JWKS calls all go to the issuer's host.
        ...bundledIssuer.flatMap((issuer) => [viaProxy(`${issuer}/.well-known/openid-configuration`, 'oauth2-proxy'), viaProxy(issuer, 'oauth2-proxy')]),
      ],
    };
  },
};
