/**
 * nginx keeps connections to an upstream block alive (explicitly with
 * `keepalive N`, and by default since nginx 1.29.7). `prefect server start`
 * closes a connection idle for PREFECT_SERVER_API_KEEPALIVE_TIMEOUT seconds
 * (uvicorn's timeout_keep_alive, 5 by default), while nginx keeps an idle one
 * for `keepalive_timeout` (60s by default). When nginx holds on longer, it
 * sometimes sends a request down a connection the server is closing: the
 * client gets a 502, and a POST (every Prefect client write) is not retried.
 */
import { defineCheck } from './check.js';
import { nginxSeconds, upstreamBlockOf, hasNginxServers } from './util/nginx.js';
import { nginxVersion, prefectApiLocations, versionBelow } from './util/prefectUpstream.js';

const ID = 'nginx-prefect-keepalive';
const PREFECT_DEFAULT_SECONDS = 5;
const NGINX_DEFAULT_SECONDS = 60;

export const nginxPrefectKeepalive = defineCheck(
  {
    id: ID,
    title: 'nginx lets go of idle Prefect connections before the server closes them',
    severity: 'warning',
    appliesTo: (model) => hasNginxServers(model) && model.prefect.services.some((p) => p.serves),
  },
  (model, report) => {
    const servers = model.prefect.services.filter((p) => p.serves);
    // The shortest idle timeout of the Prefect servers: the flag wins over the variable.
    const prefectSeconds = Math.min(
      ...servers.map((server) => {
        const argv = server.command.flatMap((a) => a.value.split(/\s+/).filter(Boolean));
        const i = argv.findIndex((a) => a === '--keep-alive-timeout' || a.startsWith('--keep-alive-timeout='));
        const flag = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
        const value = Number(flag ?? server.environment.get('PREFECT_SERVER_API_KEEPALIVE_TIMEOUT')?.value ?? PREFECT_DEFAULT_SECONDS);
        return Number.isFinite(value) ? value : PREFECT_DEFAULT_SECONDS;
      }),
    );
    const seen = new Set<unknown>();
    for (const { server, location } of prefectApiLocations(model)) {
      const block = upstreamBlockOf(server, location);
      if (!block?.block || seen.has(block)) continue;
      seen.add(block);
      const keepalive = block.block.find((d) => d.name === 'keepalive');
      const version = nginxVersion(model, server);
      const keptAlive = keepalive ? keepalive.args[0] !== '0' : version !== undefined && !versionBelow(version, [1, 29, 7]);
      if (!keptAlive) continue;
      const timeout = block.block.find((d) => d.name === 'keepalive_timeout');
      const nginxIdle = timeout ? nginxSeconds(timeout.args[0]) : NGINX_DEFAULT_SECONDS;
      if (nginxIdle === undefined || nginxIdle < prefectSeconds) continue;
      const name = block.args[0] ?? '';
      report.warning(timeout?.at ?? keepalive?.at ?? block.at, {
        message: `upstream ${name} keeps idle connections to Prefect for ${nginxIdle}s${timeout ? '' : ' (nginx\'s default)'}, the server closes them after ${prefectSeconds}s`,
        why: 'now and then nginx sends a request down a connection the server is closing: the client gets a 502, and POSTs (every run, log and state a client writes) are not retried',
        fix: `in upstream ${name}: keepalive_timeout ${Math.max(1, prefectSeconds - 1)}s;  (or raise PREFECT_SERVER_API_KEEPALIVE_TIMEOUT on the server above ${nginxIdle})`,
      });
    }
  },
);
