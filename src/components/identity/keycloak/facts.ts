/** Facts about the Keycloak image that the other components rely on. */
export const KEYCLOAK_PORT = 8080;
/** The bootstrap admin of the master realm. */
export const KEYCLOAK_ADMIN_USER = 'admin';
export const KEYCLOAK_IMAGE = 'quay.io/keycloak/keycloak:26.7.3';
/** Keycloak's data: its development database (H2 file) lives here, so this is what a volume keeps. */
export const KEYCLOAK_DATA_DIR = '/opt/keycloak/data';
export const KEYCLOAK_DATA_VOLUME = 'keycloak-data';
export const REALM_IMPORT_DIR = `${KEYCLOAK_DATA_DIR}/import`;

/**
 * On a server, Keycloak's admin console is served by the proxy only on this
 * port of the server's loopback (plain http: browsers treat localhost as a
 * secure context), reached through an SSH tunnel; never on the issuer's host.
 */
export const KEYCLOAK_ADMIN_PORT = 9080;
/** Keycloak's own database on a server (production mode keeps nothing in the container). */
export const KEYCLOAK_DB = { service: 'keycloak-db', user: 'keycloak', database: 'keycloak', volume: 'keycloak-db-data', secret: 'KEYCLOAK_DB_PASSWORD' } as const;

/** `keycloak.localtest.me` -> `keycloak.localhost`: browsers treat *.localhost as a secure context. */
export function adminHost(idpHost: string): string {
  return idpHost.replace(/\.localtest\.me$/, '.localhost');
}
