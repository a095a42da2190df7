/**
 * A database or Redis published on the host, with or without a reverse
 * proxy in front of the rest: Prefect's database holds every flow, run,
 * block (with the secrets blocks keep) and, with Redis, the event stream and
 * the locks that order them. Nothing outside the stack needs to reach them;
 * the Prefect processes reach them over the compose network.
 */
import type { Service } from '../load/model.js';
import { is } from '../load/roles.js';
import { defineCheck } from './check.js';
import { onLoopback } from './util/stack.js';

const ID = 'exposure-published-data';

function kind(s: Service): string | undefined {
  if (is.postgres(s)) return "the database, with every flow, run and block (and the secrets blocks hold)";
  if (is.redis(s)) return "Redis, with Prefect's event stream and locks (often without a password)";
  return undefined;
}

export const exposurePublishedData = defineCheck(
  {
    id: ID,
    title: 'The database and Redis are not published',
    severity: 'error',
    appliesTo: (model) => model.services.some((s) => kind(s) !== undefined),
  },
  (model, report) => {
    for (const s of model.services) {
      const what = kind(s);
      if (!what) continue;
      for (const port of s.ports) {
        const loopback = onLoopback(port);
        report.add(loopback ? 'warning' : 'error', port.at, {
          message: `${s.name} publishes ${port.raw} ${loopback ? 'on the loopback interface' : 'on every interface of the host'}: ${what}`,
          why: loopback
            ? 'anyone with a shell on this machine reaches it directly, around every credential of the stack'
            : 'anyone who reaches this machine can try its password (or needs none), around the proxy and its sign-in',
          fix: `delete this ports: entry; the Prefect processes reach ${s.name} over the compose network (for a one-off psql: docker compose exec ${s.name} …)`,
        });
      }
    }
  },
);
