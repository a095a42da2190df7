import { askFields } from '../ask.js';

/** Who signs people in: Keycloak (bundled or your own), Entra ID, Okta, Auth0, Google, GitHub, GitLab or any OIDC provider. */
export const identityProvider = askFields('identityProvider.type');
