/**
 * Facts about oauth2-proxy. The -alpine image: the default one is distroless
 * and has no shell or wget for a healthcheck.
 */
export const OAUTH2_PROXY_PORT = 4180;
export const OAUTH2_PROXY_CONFIG = '/etc/oauth2-proxy/oauth2-proxy.cfg';
export const OAUTH2_PROXY_IMAGE = 'quay.io/oauth2-proxy/oauth2-proxy:v7.15.3-alpine';

/**
 * How long a session goes without being checked with the identity provider
 * (cookie_refresh). oauth2-proxy refreshes the tokens, reads the roles anew
 * (providers/keycloak_oidc.go, RefreshSession) and authorizes every request
 * with them; a refused refresh (a disabled account) clears the session
 * (pkg/middleware/stored_session.go). One minute costs one token request per
 * active person per minute.
 */
export const SESSION_RECHECK = '1m';
