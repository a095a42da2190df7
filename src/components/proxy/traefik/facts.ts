/**
 * Facts about Traefik that the generator, the runner and doctor share
 * (../shared/field-notes/production.md, section 3, from Traefik's source).
 *
 * File provider, not the Docker provider: the Docker provider needs the
 * Docker socket, which is root on the host, mounted into the one container
 * the internet talks to, and exposes every container by default
 * (`exposedByDefault` is true). Choose it knowingly, not by default.
 */
export const TRAEFIK_VERSION = '3.7.15';
export const TRAEFIK_IMAGE = `traefik:v${TRAEFIK_VERSION}`;

/** Static configuration: where `traefik` and `traefik healthcheck` look by default. */
export const TRAEFIK_STATIC = '/etc/traefik/traefik.yml';
export const TRAEFIK_STATIC_FILE = 'proxy/traefik.yml';
/** Dynamic configuration: the file provider reads every file in this folder, and again when one changes. */
export const TRAEFIK_DYNAMIC = '/etc/traefik/dynamic';
export const TRAEFIK_DYNAMIC_DIR = 'proxy/traefik';
export const TRAEFIK_ROUTES_FILE = `${TRAEFIK_DYNAMIC_DIR}/prefect.yml`;
export const TRAEFIK_USERS = '/etc/traefik/machine-users';
export const TRAEFIK_USERS_FILE = 'proxy/machine-users';
/** machineAccess.serverAuthString: a dynamic file of its own, a secret. */
export const TRAEFIK_PREFECT_AUTH_FILE = `${TRAEFIK_DYNAMIC_DIR}/prefect-auth.yml`;
export const TRAEFIK_TLS = { certificate: '/etc/traefik/tls/certificate.pem', key: '/etc/traefik/tls/key.pem' };
/** ACME: the account and certificates (Traefik creates the file 0600 and refuses a more open one). */
export const TRAEFIK_DATA = '/data';
export const TRAEFIK_DATA_VOLUME = 'traefik-data';
export const TRAEFIK_ACME_STORAGE = `${TRAEFIK_DATA}/acme.json`;
export const TRAEFIK_CA = '/etc/prefect-secure/ca.pem';
/** The ping endpoint the healthcheck asks, on an entry point that is not published. */
export const TRAEFIK_PING_PORT = 8082;

/** Mozilla's intermediate profile (guideline 6.0) in Traefik's names (ssl-config-generator, helpers/traefik.js). */
export const TRAEFIK_TLS_OPTIONS = {
  minVersion: 'VersionTLS12',
  cipherSuites: [
    'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
    'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
    'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
    'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  ],
  curvePreferences: ['X25519MLKEM768', 'X25519', 'CurveP256', 'CurveP384'],
};
