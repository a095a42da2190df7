/**
 * `limit_except` on the location that serves Prefect's API: Prefect's
 * clients and UI use GET, POST, PATCH, PUT and DELETE (pausing a deployment
 * is a PATCH, deleting a flow run a DELETE), so a filter for "read and write"
 * (`limit_except GET POST`) breaks half the UI with 403s while the pages
 * still load. Restrict who, not which methods.
 */
import type { NginxDirective } from '../load/model.js';
import { defineCheck } from './check.js';
import { locationFor, nginxServers, proxyTarget, hasNginxServers } from './util/nginx.js';
import { isPrefectUpstream } from './util/prefectUpstream.js';

const ID = 'nginx-api-methods';
/** Methods Prefect's API routes are declared with (prefect/server/api/*.py: router.get/post/patch/put/delete). */
const PREFECT_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

export const nginxApiMethods = defineCheck(
  {
    id: ID,
    title: "nginx lets every method of Prefect's API through",
    severity: 'error',
    appliesTo: hasNginxServers,
  },
  (model, report) => {
    const seen = new Set<NginxDirective>();
    for (const server of nginxServers(model)) {
      for (const path of ['/api/flows/filter', '/api/deployments/']) {
        const location = locationFor(server, path);
        const target = location && proxyTarget(server, location);
        if (!location || !target || !isPrefectUpstream(model, target.url)) continue;
        const filter = location.levels[0]!.find((d) => d.name === 'limit_except');
        if (!filter || seen.has(filter)) continue;
        seen.add(filter);
        const allowed = filter.args.map((m) => m.toUpperCase());
        // GET allows HEAD too; everything the filter does not name meets its block (usually deny all).
        const refused = PREFECT_METHODS.filter((m) => !allowed.includes(m));
        if (refused.length === 0) continue;
        report.error(filter.at, {
          message: `limit_except ${filter.args.join(' ')} on location ${location.path} refuses ${refused.join(', ')} to Prefect's API`,
          why: 'Prefect uses every one of GET, POST, PATCH, PUT and DELETE (pausing a deployment is a PATCH, deleting a run a DELETE): those actions fail with 403 while the pages still load',
          fix: `delete the limit_except block; restrict who reaches ${location.path} (auth_request, auth_basic), not which methods`,
        });
      }
    }
  },
);
