import type { ProviderSetting } from '../../types.js';

/**
 * Who may sign in through Keycloak: realm roles. oauth2-proxy's keycloak-oidc
 * provider reads realm and client roles from the access token.
 */
export function keycloakAccess(allowedRoles: string[]): ProviderSetting[] {
  return [
    { key: 'email_domains', value: ['*'], why: 'who gets in is decided by allowed_roles below' },
    { key: 'allowed_roles', value: allowedRoles, why: 'only realm users with these roles may sign in' },
  ];
}
