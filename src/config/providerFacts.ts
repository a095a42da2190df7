/**
 * Facts about identity providers that both the spec's rules
 * (identityProvider.ts) and the field registry (the wizard's choices) read.
 */

/**
 * Providers that accept a plain-http redirect URI only on localhost: the local
 * stack signs people in at http://<ui host>:<port>/oauth2/callback.
 */
export const HTTPS_REDIRECT_ONLY: Readonly<Record<string, string>> = {
  entra: 'Microsoft Entra ID accepts a redirect URI only with https (plain http only for localhost)',
  google: 'Google accepts a redirect URI only with https (plain http only for localhost)',
};
