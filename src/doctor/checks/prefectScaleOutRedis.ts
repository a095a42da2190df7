/**
 * More than one Prefect server process shares state only through Redis:
 * with the in-memory defaults each process has its own events broker and
 * cache, ordering, leases and task queue, so events, logs to subscribers and
 * WebSocket subscribers stay in the process that received them. API
 * processes started with `--no-services` need exactly one `prefect server
 * services start` beside them (else nothing schedules runs), and SQLite
 * cannot be shared at all.
 */
import { defineCheck } from './check.js';
import { isSqlite } from './util/database.js';

const ID = 'prefect-scale-out-redis';
const REDIS_BROKER = /^prefect_redis\./;

export const prefectScaleOutRedis = defineCheck(
  {
    id: ID,
    title: 'Several Prefect processes share Redis (and a database that allows it)',
    severity: 'error',
    appliesTo: (model) => model.prefect.services.filter((p) => p.role === 'server').length > 1,
  },
  (model, report) => {
    const servers = model.prefect.services.filter((p) => p.role === 'server');
    const argv = (s: (typeof servers)[number]) => s.command.map((a) => a.value).join(' ');
    const running = servers.filter((s) => !/\bserver\s+database\b/.test(argv(s)));
    if (running.length < 2) return;
    const names = running.map((s) => s.service).join(', ');
    for (const s of running) {
      const broker = s.environment.get('PREFECT_SERVER_EVENTS_MESSAGING_BROKER') ?? s.environment.get('PREFECT_MESSAGING_BROKER');
      if (!broker?.value || !REDIS_BROKER.test(broker.value)) {
        report.error(broker?.at ?? s.at, {
          message: `service ${s.service} is one of ${running.length} Prefect server processes (${names}) without Redis messaging`,
          why: "each process keeps events, logs to subscribers, ordering and leases in its own memory: a worker's WebSocket on one replica never hears what another received",
          fix: 'PREFECT_SERVER_EVENTS_MESSAGING_BROKER/CACHE: prefect_redis.messaging, …_CAUSAL_ORDERING: prefect_redis.ordering, …_CONCURRENCY_LEASE_STORAGE: prefect_redis.lease_storage, PREFECT_REDIS_MESSAGING_*, PREFECT_SERVER_DOCKET_URL (prefect-secure: scale.redis.type: bundled)',
        });
      }
      const url = s.environment.get('PREFECT_SERVER_DATABASE_CONNECTION_URL') ?? s.environment.get('PREFECT_API_DATABASE_CONNECTION_URL');
      if (url?.value && isSqlite(url.value)) {
        report.error(url.at, {
          message: `service ${s.service} shares a SQLite database with ${running.length - 1} other Prefect process${running.length > 2 ? 'es' : ''}`,
          why: 'SQLite does not support several Prefect server processes (database locking); Prefect refuses it for --workers too',
          fix: 'PostgreSQL for a stack of several processes, or one `prefect server start` alone',
        });
      }
    }
    const apiOnly = running.filter((s) => /--no-services\b/.test(argv(s)));
    const services = running.filter((s) => /\bserver\s+services\s+start\b/.test(argv(s)));
    if (apiOnly.length > 0 && services.length !== 1) {
      report.error(services[1]?.at ?? apiOnly[0]!.at, {
        message: services.length === 0
          ? `${apiOnly.map((s) => s.service).join(', ')} start${apiOnly.length === 1 ? 's' : ''} with --no-services, and no service runs \`prefect server services start\``
          : `${services.length} services run \`prefect server services start\` (${services.map((s) => s.service).join(', ')})`,
        why: services.length === 0 ? 'nothing schedules deployments, marks late runs or runs automations' : 'each runs the scheduler, which then schedules every deployment as often',
        fix: 'exactly one service with `prefect server services start` beside the API replicas',
      });
    }
  },
);
