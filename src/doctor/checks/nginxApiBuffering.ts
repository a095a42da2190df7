/** Long-lived /api responses should not wait in nginx's buffers: proxy_buffering off for Prefect's API. */
import { defineCheck } from './check.js';
import { effectiveOne, hasNginxServers } from './util/nginx.js';
import { prefectApiLocations } from './util/prefectUpstream.js';

const ID = 'nginx-api-buffering';

export const nginxApiBuffering = defineCheck(
  {
    id: ID,
    title: "nginx does not buffer Prefect's /api",
    severity: 'warning',
    appliesTo: hasNginxServers,
  },
  (model, report) => {
    for (const { location } of prefectApiLocations(model)) {
      const buffering = effectiveOne(location.levels, 'proxy_buffering');
      if (buffering?.args[0] === 'off') continue;
      report.warning(buffering?.at ?? location.directive.at, {
        message: `location ${location.path} proxies Prefect's API with proxy_buffering ${buffering ? 'on' : 'on (the default)'}`,
        why: 'streamed and long-polled API responses are held in nginx until its buffer fills, so the UI and clients see them late or time out',
        fix: 'proxy_buffering off;  (in this location, next to proxy_read_timeout 3600s;)',
      });
    }
  },
);
