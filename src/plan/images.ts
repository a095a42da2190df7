/**
 * Pinned images. oauth2-proxy uses the -alpine variant because the default
 * image is distroless and has no shell or wget for a healthcheck.
 */
export const IMAGES = {
  nginx: 'nginx:1.30-alpine',
  oauth2Proxy: 'quay.io/oauth2-proxy/oauth2-proxy:v7.15.3-alpine',
  keycloak: 'quay.io/keycloak/keycloak:26.7.3',
  postgres: (major: string) => `postgres:${major}-alpine`,
  prefect: (image: string, version: string, python: string) => `${image}:${version}-python${python}`,
} as const;
