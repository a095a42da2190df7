import type { Spec } from '../../../config/schema.js';

export type KeycloakSpec = Extract<Spec['identityProvider'], { type: 'keycloak' }>;

/** The spec's Keycloak part; the component applies only to a spec that chose Keycloak. */
export function keycloakSpec(spec: Spec): KeycloakSpec {
  if (spec.identityProvider.type !== 'keycloak') throw new Error(`internal: a Keycloak component planned a ${spec.identityProvider.type} spec`);
  return spec.identityProvider;
}
