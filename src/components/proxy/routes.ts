/**
 * What the proxy serves on each public host and behind which gate, the same
 * for nginx, Caddy and Traefik (each lays the edge out in its own language).
 * The plan keeps it for the picture of the stack (src/diagram/fromPlan.ts).
 */
import type { Gate, RoutePlan } from '../../plan/types.js';
import type { PlanContext } from '../types.js';
import { hostPort } from '../../plan/urls.js';
import { edge } from './edge.js';
import { GITHUB_ACTIONS_ISSUER } from '../machineAccess/githubActions/facts.js';

export function proxyRoutes(ctx: PlanContext): RoutePlan[] {
  const e = edge(ctx.spec, ctx.urls, ctx.identity);
  const prefect = e.backends.prefect.map((b) => b.host);
  const oauth2Proxy = e.backends.oauth2Proxy.host;
  const machineGates: Gate[] = [
    ...(e.machine.basic ? [{ kind: 'basic' as const }] : []),
    ...(e.machine.tokens ? [{ kind: 'token' as const, by: oauth2Proxy }] : []),
    ...(e.machine.github ? [{ kind: 'jwt' as const, by: e.machine.github.host, issuer: GITHUB_ACTIONS_ISSUER }] : []),
  ];
  const authString = e.prefectAuth ? { prefectAuthString: true } : {};
  const idp = e.idp;
  return [
    { authority: e.ui.authority, serves: 'UI and API', kind: 'prefect', services: prefect, gates: [{ kind: 'sso', by: oauth2Proxy }], ...authString },
    { authority: e.ui.authority, serves: 'sign-in (/oauth2/)', kind: 'sign-in', services: [oauth2Proxy], gates: [] },
    { authority: e.machine.authority, serves: 'API', kind: 'prefect', services: prefect, gates: machineGates, ...authString },
    ...(idp
      ? [
          { authority: idp.authority, serves: 'sign-in pages', kind: 'identity' as const, services: [idp.backend.host], gates: [] },
          {
            authority: idp.adminPort ? hostPort('http', idp.adminHost, idp.adminPort) : hostPort(e.scheme, idp.adminHost, e.port),
            serves: 'admin console', kind: 'identity' as const,
            services: [idp.backend.host],
            gates: [],
            ...(idp.adminPort ? { loopbackOnly: true } : {}),
          },
        ]
      : []),
  ];
}
