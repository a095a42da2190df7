/** How the picture names a gate, the same for the plan and for the files doctor read. */
import type { Gate } from '../plan/types.js';

/** The plan's gates, and what doctor can also read in a hand-written proxy: a route that only checks for an Authorization header. */
export type GateKind = Gate['kind'] | 'auth-string';

const NAMES: Record<GateKind, string> = {
  sso: 'SSO',
  basic: 'basic auth',
  token: 'access token',
  jwt: 'GitHub Actions JWT',
  'auth-string': 'auth header',
};

/** `SSO via oauth2-proxy`, `basic auth or access token via oauth2-proxy`; `no credential` for none. */
export function gateText(gates: { kind: GateKind; by?: string }[], prefectAuthString = false): string {
  if (gates.length === 0) return 'no credential';
  const text = gates.map((g) => (g.by ? `${NAMES[g.kind]} via ${g.by}` : NAMES[g.kind])).join(' or ');
  return prefectAuthString ? `${text}, then Prefect's auth string` : text;
}

/** What the proxy asks the checking service, on the dotted link to it. */
export const CHECK_TEXT: Record<GateKind, string> = {
  sso: 'signed in?',
  basic: 'password right?',
  token: 'token valid?',
  jwt: 'JWT valid?',
  'auth-string': 'header right?',
};
