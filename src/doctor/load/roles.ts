/** What a compose service is, judged by its image (and command when the image is custom). */
import type { Service } from './model.js';

/** Repository part of an image reference, lower-cased: `quay.io/keycloak/keycloak:26.0` -> `quay.io/keycloak/keycloak`. */
export function imageRepo(service: Service): string {
  const image = service.image?.value.toLowerCase() ?? '';
  return image.replace(/@sha256:.*$/, '').replace(/:[^/:]*$/, '');
}

export function imageTag(service: Service): string | undefined {
  const image = service.image?.value ?? '';
  const match = /:([^/:@]+)(@sha256:.*)?$/.exec(image);
  return match?.[1];
}

/** Major version from a tag like `26.6.0`, `v3.7`, `26`; undefined for `latest` and the like. */
export function majorVersion(service: Service): number | undefined {
  const match = /^v?(\d+)(\.|$|-)/.exec(imageTag(service) ?? '');
  return match ? Number(match[1]) : undefined;
}

const lastSegment = (service: Service) => imageRepo(service).split('/').at(-1) ?? '';
const commandText = (service: Service) => [...service.entrypoint, ...service.command].map((a) => a.value).join(' ');

export const is = {
  nginx: (s: Service) => /^(nginx|openresty|nginx-unprivileged|angie)$/.test(lastSegment(s)) || lastSegment(s).startsWith('nginx'),
  traefik: (s: Service) => lastSegment(s) === 'traefik',
  caddy: (s: Service) => lastSegment(s) === 'caddy' || lastSegment(s).startsWith('caddy-'),
  oauth2Proxy: (s: Service) => /oauth2[-_]proxy/.test(lastSegment(s)) || /(^|\/)oauth2[-_]proxy(\s|$)/.test(commandText(s)),
  keycloak: (s: Service) => lastSegment(s) === 'keycloak' || /\/opt\/keycloak\/bin\/kc\.sh/.test(commandText(s)),
  postgres: (s: Service) => /^(postgres|postgis|timescaledb.*|pgvector|postgresql)$/.test(lastSegment(s)),
  redis: (s: Service) => /^(redis|valkey|redis-stack.*|keydb)$/.test(lastSegment(s)),
  prefect: (s: Service) => lastSegment(s) === 'prefect' || /(^|\s)prefect\s+(server|worker|agent|flow|deploy)/.test(commandText(s)),
};

/** Keycloak's own image reads KC_* variables; vendor images (bitnami) define their own. */
export function isOfficialKeycloak(service: Service): boolean {
  const repo = imageRepo(service);
  return repo === 'quay.io/keycloak/keycloak' || repo === 'keycloak/keycloak' || repo === 'docker.io/keycloak/keycloak';
}
