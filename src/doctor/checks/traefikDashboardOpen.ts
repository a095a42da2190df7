/**
 * Traefik's dashboard and API show every router, service and middleware (the
 * stack's whole layout, basic-auth users included) and, with
 * `api.insecure`, answer on the entry point named traefik (port 8080) with no
 * router and no authentication. Published, that is open to whoever reaches
 * the host. A router to `api@internal` needs a basicAuth or forwardAuth
 * middleware, or the dashboard should stay off (no `api` section).
 */
import { defineCheck } from './check.js';
import { publishedPort, service } from './util/stack.js';

const ID = 'traefik-dashboard-open';
const INSECURE_PORT = 8080;

export const traefikDashboardOpen = defineCheck(
  {
    id: ID,
    title: "Traefik's dashboard is not open to the world",
    severity: 'error',
    appliesTo: (model) => model.traefik.apiInsecure !== undefined || model.traefik.routers.some((r) => r.internalService),
  },
  (model, report) => {
    const traefik = model.traefik;
    if (traefik.apiInsecure) {
      const proxy = service(model, traefik.service);
      const published = proxy ? publishedPort(proxy, INSECURE_PORT) : undefined;
      // Unpublished (or no compose service to tell), it is a warning: anything on the same network still reaches it.
      const at = traefik.apiInsecure.at;
      const finding = {
        message: `api.insecure serves Traefik's dashboard and API on port ${INSECURE_PORT}${published !== undefined ? `, published on ${published}` : ''}, with no authentication`,
        why: 'anyone who reaches it sees every router, service and middleware of the stack (basic-auth users included) and can watch it change',
        fix: 'remove api.insecure; to keep the dashboard, route it through a router to api@internal with a basicAuth or forwardAuth middleware, on a host only operators reach',
      };
      if (published !== undefined) report.error(at, finding);
      else report.warning(at, finding);
    }
    const guards = new Set(traefik.middlewares.filter((m) => /^(basicauth|forwardauth|digestauth)$/i.test(m.kind)).map((m) => m.name));
    for (const router of traefik.routers.filter((r) => r.internalService && /^(api|dashboard)$/.test(r.service ?? ''))) {
      if (router.middlewares.some((m) => guards.has(m))) continue;
      report.error(router.rule?.at ?? router.at, {
        message: `router ${router.name} serves Traefik's ${router.service}@internal with no basicAuth or forwardAuth middleware`,
        why: 'anyone who reaches that rule sees every router, service and middleware of the stack (basic-auth users included)',
        fix: `add a basicAuth (or the SSO forwardAuth) middleware to router ${router.name}, or remove it and the api section`,
      });
    }
  },
);
