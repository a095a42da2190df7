/** Facts about the Keycloak image that the other components rely on. */
export const KEYCLOAK_PORT = 8080;
export const KEYCLOAK_IMAGE = 'quay.io/keycloak/keycloak:26.7.3';
export const REALM_IMPORT_DIR = '/opt/keycloak/data/import';

/** `keycloak.localtest.me` -> `keycloak.localhost`: browsers treat *.localhost as a secure context. */
export function adminHost(idpHost: string): string {
  return idpHost.replace(/\.localtest\.me$/, '.localhost');
}
