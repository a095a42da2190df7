import { askFields } from '../ask.js';

/**
 * What the chosen identity provider needs, and only that (each field is asked
 * only for the providers that have it): the bundled Keycloak its realm and
 * roles; a provider outside the stack its address, client and who may sign in.
 */
export const identityDetails = askFields(
  'identityProvider.bundled',
  'identityProvider.url',
  'identityProvider.tenantId',
  'identityProvider.domain',
  'identityProvider.authorizationServer',
  'identityProvider.issuerUrl',
  'identityProvider.realm',
  'identityProvider.clientId',
  'identityProvider.clientSecret',
  'identityProvider.allowedRoles',
  'identityProvider.allowedGroups',
  'identityProvider.emailDomains',
  'identityProvider.org',
  'identityProvider.groups',
);
