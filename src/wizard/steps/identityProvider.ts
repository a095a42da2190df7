import { askFields } from '../ask.js';

/** Who signs people in: the bundled Keycloak; the planned providers are listed as not yet available. */
export const identityProvider = askFields('identityProvider.type');
