/**
 * The one table from image to native program. A service whose image is not
 * here cannot be started, and the runner says so.
 */
import { caddy } from './caddy.js';
import { keycloak } from './keycloak.js';
import { lego } from './lego.js';
import { nginx } from './nginx.js';
import { oauth2Proxy } from './oauth2Proxy.js';
import { postgres } from './postgres.js';
import { redis } from './redis.js';
import { prefect } from './prefect.js';
import { traefik } from './traefik.js';
import { imageRepository, type ProgramAdapter } from './types.js';

export const PROGRAMS: ProgramAdapter[] = [nginx, oauth2Proxy, keycloak, postgres, redis, prefect, lego, caddy, traefik];

export function programFor(image: string): ProgramAdapter | undefined {
  const repo = imageRepository(image);
  return PROGRAMS.find((p) => p.images.includes(repo));
}
