/**
 * Prefect clients send log batches of up to PREFECT_LOGGING_TO_API_BATCH_SIZE
 * (4,000,000 bytes by default) to /api/logs/. A proxy that accepts less on
 * Prefect's API answers 413, and the client only prints "--- Error logging
 * to API ---" and drops the batch: logs go missing with no error anywhere
 * else. nginx's default client_max_body_size is 1m; Caddy's request_body and
 * Traefik's buffering middleware have no limit unless one is written.
 */
import { API_BODY_LIMIT, PREFECT_LOG_BATCH_BYTES } from '../../components/prefect/facts.js';
import type { CaddyDirective } from '../load/model.js';
import { defineCheck } from './check.js';
import { effectiveOne, hasNginxServers, locationFor, nginxServers, proxyTarget } from './util/nginx.js';
import { isPrefectUpstream } from './util/prefectUpstream.js';
import { publicRoutes } from './util/routes.js';
import { bytesText, caddyBytes, nginxBytes } from './util/sizes.js';

const ID = 'proxy-api-body-size';
const LOGS_PATH = '/api/logs/';
const NGINX_DEFAULT = 1024 ** 2;
const WHY = `Prefect clients send log batches of up to ${PREFECT_LOG_BATCH_BYTES.toLocaleString('en-US')} bytes (PREFECT_LOGGING_TO_API_BATCH_SIZE); a larger batch is answered 413 and the client drops it, printing only "--- Error logging to API ---"`;

function caddyLimits(directives: CaddyDirective[]): { bytes: number; at: CaddyDirective['at'] }[] {
  const out: { bytes: number; at: CaddyDirective['at'] }[] = [];
  for (const d of directives) {
    if (d.name === 'request_body') {
      const max = (d.block ?? []).find((inner) => inner.name === 'max_size');
      const bytes = caddyBytes(max?.args[0]);
      if (max && bytes !== undefined) out.push({ bytes, at: max.at });
    } else if (d.block && ['handle', 'route', 'handle_path'].includes(d.name)) {
      // Only blocks that can serve the API: a matcher for another path does not apply to /api/logs/.
      const matcher = d.args[0];
      if (!matcher || !matcher.startsWith('/') || LOGS_PATH.startsWith(matcher.replace(/\*$/, ''))) out.push(...caddyLimits(d.block));
    }
  }
  return out;
}

export const proxyApiBodySize = defineCheck(
  {
    id: ID,
    title: "The proxy accepts Prefect's log batches",
    severity: 'error',
    appliesTo: (model) => hasNginxServers(model) || model.caddy.length > 0 || model.traefik.middlewares.length > 0,
  },
  (model, report) => {
    for (const server of nginxServers(model)) {
      const location = locationFor(server, LOGS_PATH);
      const target = location && proxyTarget(server, location);
      if (!location || !target || !isPrefectUpstream(model, target.url)) continue;
      const setting = effectiveOne(location.levels, 'client_max_body_size');
      const bytes = setting ? nginxBytes(setting.args[0]) : NGINX_DEFAULT;
      if (bytes === undefined || bytes === 0 || bytes >= PREFECT_LOG_BATCH_BYTES) continue;
      report.error(setting?.at ?? location.directive.at, {
        message: `nginx accepts request bodies of at most ${bytesText(bytes)}${setting ? '' : " (nginx's default)"} on location ${location.path}, which serves Prefect's API`,
        why: WHY,
        fix: `client_max_body_size ${API_BODY_LIMIT};  (in this location or its server)`,
      });
    }
    for (const file of model.caddy) {
      for (const site of file.sites) {
        const serves = publicRoutes(model).some((r) => r.proxy === 'caddy' && r.at.file === file.file && r.upstream && isPrefectUpstream(model, r.upstream.text));
        if (!serves) continue;
        for (const limit of caddyLimits(site.directives).filter((l) => l.bytes < PREFECT_LOG_BATCH_BYTES)) {
          report.error(limit.at, {
            message: `Caddy's request_body max_size on ${site.addresses.join(', ')} is ${bytesText(limit.bytes)}, below a Prefect log batch`,
            why: WHY,
            fix: `max_size ${API_BODY_LIMIT.replace(/m$/, 'MiB')}  (or remove request_body for Prefect's API)`,
          });
        }
      }
    }
    const traefik = model.traefik;
    const prefectRouters = traefik.routers.filter((r) => {
      const url = traefik.services.find((s) => s.name === (r.service ?? r.owner))?.url;
      return url !== undefined && isPrefectUpstream(model, url);
    });
    for (const middleware of traefik.middlewares.filter((m) => m.kind.toLowerCase() === 'buffering')) {
      const max = middleware.options.get('maxrequestbodybytes');
      const bytes = max ? Number(max.value) : 0;
      if (!max || !Number.isFinite(bytes) || bytes === 0 || bytes >= PREFECT_LOG_BATCH_BYTES) continue;
      const routers = prefectRouters.filter((r) => r.middlewares.includes(middleware.name));
      if (routers.length === 0) continue;
      report.error(max.at, {
        message: `Traefik's buffering middleware ${middleware.name} limits bodies to ${bytesText(bytes)} on router ${routers.map((r) => r.name).join(', ')}, which serves Prefect's API`,
        why: WHY,
        fix: `maxRequestBodyBytes: ${16 * 1024 ** 2}  (or 0, Traefik's default: no limit)`,
      });
    }
  },
);
