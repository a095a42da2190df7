/**
 * The Prefect UI calls /api on its own host with the browser's SSO cookie.
 * If the UI is behind SSO but /api on the same host is not, the API is open
 * to anyone; if /api there demands basic auth or a bearer token instead, every
 * call the UI makes fails with 401.
 */
import { defineCheck } from './check.js';
import { publicRoutes, uiApiRoutes } from './util/routes.js';
import { isPrefectUpstream } from './util/prefectUpstream.js';

const ID = 'proxy-ui-api-auth';
export const proxyUiApiAuth = defineCheck(
  {
    id: ID,
    title: "The UI's /api is behind the same SSO as the UI",
    severity: 'error',
    appliesTo: (model) => publicRoutes(model).some((r) => r.sso),
  },
  (model, report) => {
    for (const { ui, api, host } of uiApiRoutes(model, (upstream) => isPrefectUpstream(model, upstream))) {
      if (!api || api === ui || api.sso || !api.upstream) continue;
      if (api.basic || api.tokenOnly) {
        report.error(api.at, {
          message: `on ${host}, the UI is behind SSO but ${api.path} accepts only ${api.basic ? 'basic-auth credentials' : 'a bearer token'}`,
          why: "the UI's API calls carry the SSO session cookie, not that credential: every call fails with 401 and the UI shows nothing",
          fix: `protect ${api.path} on ${host} with the same auth_request / forwardAuth as the UI, and give machines their own host (e.g. prefect-api.…) with ${api.basic ? 'basic auth' : 'the token check'}`,
        });
      } else {
        report.error(api.at, {
          message: `on ${host}, the UI is behind SSO but ${api.path} is not protected at all`,
          why: 'anyone can call the Prefect API directly (read flows, start runs, read logs) without signing in',
          fix: `add the UI's auth_request / forwardAuth middleware to ${api.path} (answer 401 there instead of redirecting to sign-in)`,
        });
      }
    }
  },
);
