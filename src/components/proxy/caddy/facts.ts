/**
 * Facts about Caddy that the generator, the runner and doctor share.
 *
 * The pin: 2.11.7, and never below 2.11.2 — before it, `forward_auth`'s
 * `copy_headers` left a header the client sent in place when the auth
 * response lacked it, so a client could name itself as the signed-in user
 * (GHSA-7r4p-vjf4-gxv4, fixed by caddyserver/caddy commit 2dbcdefb).
 */
export const CADDY_VERSION = '2.11.7';
export const CADDY_IMAGE = `caddy:${CADDY_VERSION}-alpine`;
/** The first release whose copy_headers deletes what the client sent. */
export const CADDY_COPY_HEADERS_FIXED = '2.11.2';

export const CADDYFILE = '/etc/caddy/Caddyfile';
/** The image's data folder (XDG_DATA_HOME): ACME accounts and certificates. */
export const CADDY_DATA = '/data';
export const CADDY_DATA_VOLUME = 'caddy-data';
export const CADDY_TLS = { certificate: '/etc/caddy/tls/certificate.pem', key: '/etc/caddy/tls/key.pem' };
export const CADDY_USERS = '/etc/caddy/machine-users';
export const CADDY_USERS_FILE = 'proxy/machine-users';
export const CADDY_PREFECT_AUTH = '/etc/caddy/prefect-auth';
export const CADDY_CA = '/etc/prefect-secure/ca.pem';
