/**
 * An identity provider outside the stack (Entra ID, Okta, Auth0, Google,
 * GitHub, GitLab, your own Keycloak, any OIDC provider): no service, no
 * public name of ours. Each provider says how its issuer is built, which
 * oauth2-proxy settings decide who may sign in, and what to register in its
 * console; this turns that into a component.
 */
import type { Spec } from '../../config/schema.js';
import type { Urls } from '../../plan/urls.js';
import type { Component, IdentityFacts, ProviderSetting } from '../types.js';

export type ProviderSpec<T extends Spec['identityProvider']['type']> = Extract<Spec['identityProvider'], { type: T }>;

/** What a person does in the provider's console, and what its errors look like when a step was missed. */
export interface Registration {
  /** Where the steps happen, e.g. "the Microsoft Entra admin center (entra.microsoft.com)". */
  console: string;
  steps: string[];
  /** The provider's message when something is registered wrong, and what it means. */
  errors: { looks: string; means: string }[];
  /** Said once signed in: whom the provider lets in. */
  whoGetsIn: string;
}

export interface ExternalProvider<T extends Spec['identityProvider']['type']> {
  type: T;
  displayName: string;
  /** oauth2-proxy's provider name. */
  provider: string;
  /** The issuer, built from the values a person supplied; none for plain OAuth providers. */
  issuer?(idp: ProviderSpec<T>): string;
  /** oauth2-proxy's end-session call for a provider that ends its session server-side. */
  logout?(idp: ProviderSpec<T>, issuer: string): string;
  settings(idp: ProviderSpec<T>, spec: Spec): ProviderSetting[];
  registration(idp: ProviderSpec<T>, urls: Urls, secretVariable: string, spec: Spec): Registration;
  /**
   * CI's tokens by client credentials (machineAccess.tokens): the form
   * parameters of the token request, and what to register for CI's client.
   * Providers without it give no machine tokens (the spec refuses them).
   */
  tokens?(idp: ProviderSpec<T>, tokens: NonNullable<Spec['machineAccess']['tokens']>): { params: string[]; registration: string[] };
  /** Does this provider apply (a Keycloak that is not bundled)? Defaults to the type alone. */
  appliesTo?(idp: ProviderSpec<T>): boolean;
}

/** The fewest characters of a client secret a provider issues (Keycloak 32, Entra 40, GitHub 40, Okta 40). */
const MIN_CLIENT_SECRET = 16;

function providerSpec<T extends Spec['identityProvider']['type']>(spec: Spec, type: T): ProviderSpec<T> {
  if (spec.identityProvider.type !== type) throw new Error(`internal: the ${type} component planned a ${spec.identityProvider.type} spec`);
  return spec.identityProvider as ProviderSpec<T>;
}

/** A plain-http issuer works, but codes, tokens and the client secret then cross the network in the clear. */
function plainHttpWarning(displayName: string, issuer: string | undefined): string[] {
  return issuer?.startsWith('http://')
    ? [`the issuer of ${displayName} (${issuer}) is plain http: sign-in codes, tokens and the client secret cross the network unencrypted. Use https outside a test setup.`]
    : [];
}

export function externalProvider<T extends Spec['identityProvider']['type']>(def: ExternalProvider<T>): Component {
  return {
    id: def.type === 'keycloak' ? 'keycloak-external' : def.type,
    concern: 'identity',
    appliesTo: (spec) => spec.identityProvider.type === def.type && (def.appliesTo?.(spec.identityProvider as ProviderSpec<T>) ?? true),
    identity(spec): IdentityFacts {
      const idp = providerSpec(spec, def.type);
      const issuer = def.issuer?.(idp);
      const tokens = spec.machineAccess.tokens && def.tokens ? def.tokens(idp, spec.machineAccess.tokens) : undefined;
      const secret = (idp as { clientSecret?: string }).clientSecret;
      if (secret === undefined) throw new Error(`internal: the ${def.type} spec has no client secret`);
      return {
        urls: { ...(issuer ? { issuer } : {}), ...(issuer && def.logout ? { logout: def.logout(idp, issuer) } : {}) },
        provider: def.provider,
        displayName: def.displayName,
        clientId: (idp as { clientId: string }).clientId,
        clientSecret: { env: secret, field: 'identityProvider.clientSecret', store: true, minLength: MIN_CLIENT_SECRET, holds: `the client secret ${def.displayName} issued` },
        settings: def.settings(idp, spec),
        warnings: plainHttpWarning(def.displayName, issuer),
        ...(tokens ? { tokenParams: tokens.params, tokenRegistration: tokens.registration } : {}),
      };
    },
    plan(ctx) {
      const idp = providerSpec(ctx.spec, def.type);
      const secret = (idp as { clientSecret: string }).clientSecret;
      const registration = def.registration(idp, ctx.urls, secret, ctx.spec);
      return {
        warnings: ctx.identity.warnings ?? [],
        firstSignIn: [
          `first register the client at ${def.displayName} (NEXT_STEPS.md, "Register at ${def.displayName}")`,
          `you are sent to ${def.displayName}: ${registration.whoGetsIn}`,
        ],
        nextSteps: [
          {
            order: 18,
            title: `Register at ${def.displayName}`,
            template: 'identity/external/steps/register',
            view: { displayName: def.displayName, ...registration, secretVariable: secret, urls: ctx.urls },
          },
          {
            order: 20,
            title: 'Sign in',
            template: 'identity/external/steps/sign-in',
            view: { displayName: def.displayName, whoGetsIn: registration.whoGetsIn, urls: ctx.urls },
          },
        ],
      };
    },
  };
}
