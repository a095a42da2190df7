export const POSTGRES_PORT = 5432;
/**
 * The release of each supported major the image is pinned to (a moving
 * `17-alpine` tag changes under a running stack). These are one release set:
 * PostgreSQL publishes every major's minor release together (18.6 in Debian
 * unstable and 15.20 in Debian 12 security came out with 17.12 and 16.16).
 */
export const POSTGRES_RELEASES: Record<string, string> = { '15': '15.20', '16': '16.16', '17': '17.12' };

export const postgresImage = (major: string) => `postgres:${POSTGRES_RELEASES[major] ?? major}-alpine`;

/** The major a stack gets when the spec names none (the bundled Keycloak's own database too). */
export const DEFAULT_POSTGRES_MAJOR = '17';
