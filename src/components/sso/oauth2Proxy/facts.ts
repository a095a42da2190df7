/**
 * Facts about oauth2-proxy. The -alpine image: the default one is distroless
 * and has no shell or wget for a healthcheck.
 */
export const OAUTH2_PROXY_PORT = 4180;
export const OAUTH2_PROXY_CONFIG = '/etc/oauth2-proxy/oauth2-proxy.cfg';
export const OAUTH2_PROXY_IMAGE = 'quay.io/oauth2-proxy/oauth2-proxy:v7.15.3-alpine';
