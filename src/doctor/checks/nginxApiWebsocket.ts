/**
 * Prefect's events, logs, task-run and worker endpoints are WebSockets under
 * /api. nginx passes an upgrade only with `Upgrade`/`Connection` headers set
 * and HTTP/1.1 to the upstream (the default before nginx 1.29.7 is 1.0).
 * proxy_set_header is inherited only when a location sets none of its own.
 */
import { defineCheck } from './check.js';
import { effectiveAll, effectiveOne, hasNginxServers } from './util/nginx.js';
import { nginxVersion, prefectApiLocations, versionBelow } from './util/prefectUpstream.js';

const ID = 'nginx-api-websocket';

export const nginxApiWebsocket = defineCheck(
  {
    id: ID,
    title: "nginx passes WebSocket upgrades to Prefect's /api",
    severity: 'error',
    appliesTo: hasNginxServers,
  },
  (model, report) => {
    for (const { server, location } of prefectApiLocations(model)) {
      const headers = effectiveAll(location.levels, 'proxy_set_header');
      const has = (name: string, value: RegExp) => headers.some((h) => h.args[0]?.toLowerCase() === name && value.test(h.args[1] ?? ''));
      const missing: string[] = [];
      if (!has('upgrade', /\$http_upgrade/i)) missing.push('proxy_set_header Upgrade $http_upgrade;');
      if (!has('connection', /upgrade/i)) missing.push('proxy_set_header Connection $connection_upgrade;  (with a map $http_upgrade $connection_upgrade in http {}) or "upgrade"');
      const version = effectiveOne(location.levels, 'proxy_http_version');
      const nginx = nginxVersion(model, server);
      if (version?.args[0] !== '1.1' && nginx && versionBelow(nginx, [1, 29, 7])) missing.push(`proxy_http_version 1.1;  (nginx ${nginx.join('.')} speaks HTTP/1.0 to upstreams by default)`);
      if (missing.length === 0) continue;
      const names = server.names.filter((n) => n !== '_').join(' ') || 'the default server';
      report.error(location.directive.at, {
        message: `location ${location.path} of ${names} proxies Prefect's API without what a WebSocket upgrade needs`,
        why: 'event streaming, log tailing, task workers and worker connections fail (cancellation and automations quietly stop working) while plain API calls succeed',
        fix: `add to this location: ${missing.join(' ')}`,
      });
    }
  },
);
