/**
 * On the host where the UI is behind SSO, /api must answer 401 when the
 * session is gone, not redirect to sign-in: the UI calls it with fetch, which
 * follows the redirect to the identity provider's HTML page (a CORS failure
 * or a JSON parse error), so the UI breaks instead of noticing the session
 * ended; a client gets a sign-in page where it expects JSON. The classic
 * cause is one auth setting for the whole host: nginx's `error_page 401` in a
 * location that also serves /api, Traefik's errors middleware or
 * `authSigninURL` on the router that serves /api, a Caddy `forward_auth`
 * with a `handle_response` there.
 */
import { defineCheck } from './check.js';
import { isPrefectUpstream } from './util/prefectUpstream.js';
import { publicRoutes, uiApiRoutes, type PublicRoute } from './util/routes.js';

const ID = 'proxy-api-sign-in-redirect';
const HOW: Record<PublicRoute['proxy'], string> = {
  nginx: 'a location /api/ with the same auth_request and no error_page 401',
  traefik: 'a router for PathPrefix(`/api/`) with the forwardAuth middleware alone (no errors middleware, no authSigninURL)',
  caddy: 'a handle /api/* with forward_auth and no handle_response',
  'oauth2-proxy': 'api_routes = ["^/api/"] in oauth2-proxy',
};

export const proxyApiSignInRedirect = defineCheck(
  {
    id: ID,
    title: "The UI's /api answers 401 when the session is gone",
    severity: 'error',
    appliesTo: (model) => publicRoutes(model).some((r) => r.sso),
  },
  (model, report) => {
    const reported = new Set<PublicRoute>();
    for (const { api, host } of uiApiRoutes(model, (upstream) => isPrefectUpstream(model, upstream))) {
      if (!api || !api.sso || !api.signInOn401 || reported.has(api)) continue;
      reported.add(api);
      report.error(api.at, {
        message: `on ${host}, a request to /api without a session is redirected to sign in instead of answered with 401 (${api.proxy}${api.path && api.path !== '/' ? `, ${api.path}` : ''})`,
        why: "the UI calls /api with fetch, which follows the redirect to the identity provider's page and fails (CORS, or HTML where JSON was expected): the UI breaks instead of asking the person to sign in again",
        fix: `give /api its own route with the same SSO check and no sign-in redirect: ${HOW[api.proxy]}`,
      });
    }
  },
);
