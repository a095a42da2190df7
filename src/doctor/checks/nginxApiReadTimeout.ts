/**
 * A short proxy_read_timeout (or proxy_send_timeout) on Prefect's API: nginx
 * closes a connection when the upstream sends nothing for that long. Prefect's
 * sockets (events, logs, cancellation) exchange pings every 20 s
 * (websockets' and uvicorn's ping_interval), and a slow API answer (a large
 * filter, a cascade delete) can take longer than a few seconds. Below nginx's
 * own 60 s default, sockets drop and reconnect and long answers become 504s.
 */
import { STREAM_TIMEOUT } from '../../components/prefect/facts.js';
import { defineCheck } from './check.js';
import { effectiveOne, nginxSeconds, hasNginxServers } from './util/nginx.js';
import { prefectApiLocations } from './util/prefectUpstream.js';

const ID = 'nginx-api-read-timeout';
const NGINX_DEFAULT_SECONDS = 60;

export const nginxApiReadTimeout = defineCheck(
  {
    id: ID,
    title: "nginx waits long enough for Prefect's API",
    severity: 'warning',
    appliesTo: hasNginxServers,
  },
  (model, report) => {
    for (const { location } of prefectApiLocations(model)) {
      for (const name of ['proxy_read_timeout', 'proxy_send_timeout']) {
        const setting = effectiveOne(location.levels, name);
        const seconds = nginxSeconds(setting?.args[0]);
        if (!setting || seconds === undefined || seconds >= NGINX_DEFAULT_SECONDS) continue;
        report.warning(setting.at, {
          message: `${name} ${setting.args[0]} on location ${location.path}, which serves Prefect's API and sockets, is below nginx's own ${NGINX_DEFAULT_SECONDS}s default`,
          why: "nginx closes a connection when nothing passes for that long: Prefect's event, log and cancellation sockets drop between their 20 s pings under load, and slow API answers (a large filter, a cascade delete) become 504",
          fix: `${name} ${STREAM_TIMEOUT};`,
        });
      }
    }
  },
);
