/**
 * auth_request answers 401 for a signed-out browser; without
 * `error_page 401 = @signin` the person sees a bare "401 Authorization
 * Required" page instead of the sign-in. (API locations should answer 401.)
 * error_page, like proxy_set_header, is inherited only when the location sets none.
 */
import { defineCheck } from './check.js';
import { authOf, effectiveAll, nginxServers, hasNginxServers } from './util/nginx.js';

const ID = 'nginx-auth-request-401';

export const nginxAuthRequest401 = defineCheck(
  {
    id: ID,
    title: 'nginx sends signed-out browsers to sign in',
    severity: 'error',
    appliesTo: hasNginxServers,
  },
  (model, report) => {
    for (const server of nginxServers(model)) {
      for (const location of server.locations) {
        if (location.modifier === '@' || location.modifier === '=' || /^\^?\/(api|oauth2)(\/|$)/.test(location.path)) continue;
        if (location.levels[0]!.some((d) => d.name === 'internal')) continue;
        const { sso } = authOf(location);
        if (!sso) continue;
        const handles401 = effectiveAll(location.levels, 'error_page').some((d) => d.args.slice(0, -1).includes('401'));
        if (handles401) continue;
        report.error(location.directive.at, {
          message: `location ${location.path} uses auth_request without error_page 401`,
          why: 'a signed-out person gets a bare "401 Authorization Required" page instead of the sign-in page',
          fix: 'add  error_page 401 = @oauth2_signin;  here, and  location @oauth2_signin { return 302 /oauth2/start?rd=$request_uri; }  in the server',
        });
      }
    }
  },
);
