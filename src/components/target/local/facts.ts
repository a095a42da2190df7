/** Facts about the local target that the generator and doctor share. */

/** What a local stack published beyond loopback exposes, said the same way by init's warning and by doctor. */
export const LOCAL_STACK_EXPOSED =
  'the local stack (plain http, basic-auth passwords in clear on the wire, a development Keycloak with a demo user) is reachable from other machines on your networks';

/** The doctor check that reports a local stack published beyond loopback. */
export const EXPOSURE_CHECK = 'exposure-local-interfaces';

/** True for a bind address that keeps a published port on this machine. */
export function isLoopbackBind(address: string | undefined): boolean {
  return address !== undefined && /^(127\.|::1$|localhost$)/.test(address);
}
