/** Facts about the Keycloak image that the other components rely on. */
export const KEYCLOAK_PORT = 8080;
/** The bootstrap admin of the master realm. */
export const KEYCLOAK_ADMIN_USER = 'admin';
export const KEYCLOAK_IMAGE = 'quay.io/keycloak/keycloak:26.7.3';
/** Keycloak's data: its development database (H2 file) lives here, so this is what a volume keeps. */
export const KEYCLOAK_DATA_DIR = '/opt/keycloak/data';
export const KEYCLOAK_DATA_VOLUME = 'keycloak-data';
export const REALM_IMPORT_DIR = `${KEYCLOAK_DATA_DIR}/import`;

/** `keycloak.localtest.me` -> `keycloak.localhost`: browsers treat *.localhost as a secure context. */
export function adminHost(idpHost: string): string {
  return idpHost.replace(/\.localtest\.me$/, '.localhost');
}
