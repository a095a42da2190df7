/**
 * Which Prefect processes a stack runs. One `prefect server start` does
 * everything (API, UI, background services, migrations at start) until the
 * spec adds Redis; then the work is split the way Prefect's scale-out guide
 * splits it: N API replicas started with `--no-services`, exactly one
 * `prefect server services start`, and migrations run once by a one-shot
 * service before any of them (migrate-on-start off everywhere).
 */
import { scaledOut } from '../../config/database.js';
import type { Spec } from '../../config/schema.js';

export const MIGRATE_SERVICE = 'prefect-migrate';
export const SERVICES_SERVICE = 'prefect-services';

/** The services that answer Prefect's API (the proxy's backends). */
export function prefectApiServices(spec: Spec): string[] {
  const n = spec.scale.apiReplicas;
  return n === 1 ? ['prefect-server'] : Array.from({ length: n }, (_, i) => `prefect-server-${i + 1}`);
}

/** Every long-running Prefect server process: what must be recreated when its settings change. */
export function prefectServerServices(spec: Spec): string[] {
  return [...prefectApiServices(spec), ...(scaledOut(spec.scale) ? [SERVICES_SERVICE] : [])];
}
