/**
 * machineAccess.serverAuthString: Prefect checks the machine credential too
 * (PREFECT_SERVER_API_AUTH_STRING, "name:password" of the one machine user),
 * a second check behind the proxy's. The proxy sends it for signed-in people.
 */
import type { Spec } from '../../../config/schema.js';

/** The one machine user whose name and password are Prefect's auth string, or undefined without the option. */
export function authStringUser(spec: Spec): string | undefined {
  return spec.machineAccess.serverAuthString ? spec.machineAccess.users[0]!.name : undefined;
}
