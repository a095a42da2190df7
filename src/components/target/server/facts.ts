/** Facts of the server target that the proxy and the clients rely on. */

/** Where the proxy finds the certificate files (mounted read-only from the stack folder). */
export const TLS_DIR_IN_PROXY = '/etc/nginx/tls';

/** The plain-http port a server answers on: a redirect to https (and the proxy's healthcheck). */
export const HTTP_PORT = 80;

/**
 * Mozilla's intermediate TLS profile, guideline 6.0 (ssl-config.mozilla.org):
 * TLS 1.2 and 1.3, the six ECDHE AEAD ciphers, no server preference, HSTS for
 * two years. X25519MLKEM768 is left out of the curves: nginx refuses to start
 * with it on an OpenSSL before 3.5.
 */
export const MOZILLA_INTERMEDIATE = {
  protocols: 'TLSv1.2 TLSv1.3',
  curves: 'X25519:prime256v1:secp384r1',
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  hsts: 'max-age=63072000; includeSubDomains',
} as const;

/** Where a container finds the internal CA the spec names (oauth2-proxy reads SSL_CERT_FILE). */
export const CA_IN_CONTAINER = '/etc/prefect-secure/ca.pem';
