import { askFields } from '../ask.js';

/** What Keycloak needs, and only that: its realm and the realm roles that may sign in. */
export const keycloak = askFields('identityProvider.realm', 'identityProvider.allowedRoles');
