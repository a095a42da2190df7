/**
 * Access tokens for CI (machineAccess.tokens): besides the basic-auth users
 * (workers), the machine host accepts an access token of the identity
 * provider, obtained by client credentials, which oauth2-proxy checks like a
 * session (issuer, audience, expiry, the allowed roles or groups). The
 * Prefect client never refreshes a token, so this is for jobs shorter than a
 * token's life: CI, not workers.
 */
import type { Component } from '../../types.js';
import { CI_CLIENT_SECRET } from '../../identity/keycloak/realm.js';

export const machineTokens: Component = {
  id: 'tokens',
  concern: 'machineTokens',
  appliesTo: (spec) => spec.machineAccess.tokens !== undefined,
  plan(ctx) {
    const { spec, urls, identity } = ctx;
    const tokens = spec.machineAccess.tokens!;
    const bundled = identity.service !== undefined;
    const issuer = urls.issuer!;
    return {
      nextSteps: [
        {
          order: 72,
          title: 'CI with access tokens',
          template: 'machineAccess/tokens/steps/ci-tokens',
          view: {
            displayName: identity.displayName,
            clientId: tokens.clientId,
            discovery: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
            params: identity.tokenParams ?? [],
            registration: bundled ? [] : (identity.tokenRegistration ?? []),
            bundledSecret: bundled ? CI_CLIENT_SECRET : undefined,
            machineApi: urls.machineApi,
            ca: spec.tls?.ca,
          },
        },
      ],
    };
  },
};
