/**
 * Prefect published straight from its container with no credential: no
 * reverse proxy in front of it and no PREFECT_SERVER_API_AUTH_STRING. The
 * most common self-hosted Prefect stack (Prefect's own compose example
 * does it): whoever reaches the port runs and changes flows, reads blocks
 * and the secrets they hold, and deletes everything. (Behind a proxy, a
 * published Prefect port is exposure-published-backend's; an open route
 * through the proxy is proxy-api-open's.)
 */
import { defineCheck } from './check.js';
import { hasFrontProxy, isLocalStack, onLoopback, service } from './util/stack.js';

const ID = 'exposure-prefect-open';

export const exposurePrefectOpen = defineCheck(
  {
    id: ID,
    title: 'Prefect is not published without a credential',
    severity: 'error',
    appliesTo: (model) => !hasFrontProxy(model) && model.prefect.services.some((p) => p.serves),
  },
  (model, report) => {
    for (const prefect of model.prefect.services.filter((p) => p.serves)) {
      if (prefect.environment.get('PREFECT_SERVER_API_AUTH_STRING')?.value) continue;
      const s = service(model, prefect.service);
      for (const port of s?.ports ?? []) {
        const loopback = onLoopback(port);
        // Loopback on a laptop stack is how Prefect is meant to be tried; loopback elsewhere still reaches every local user.
        const severity = loopback ? 'warning' : 'error';
        if (loopback && isLocalStack(model, [])) continue;
        report.add(severity, port.at, {
          message: `${prefect.service} publishes Prefect's API and UI (${port.raw}) ${loopback ? 'on the loopback interface' : 'on every interface of the host'} with no credential: no reverse proxy with a sign-in, no PREFECT_SERVER_API_AUTH_STRING`,
          why: 'anyone who reaches the port can run and change flows and deployments, read blocks with the secrets they hold, and delete everything',
          fix: 'put the stack behind a sign-in (npx prefect-secure init renders one), or at least set PREFECT_SERVER_API_AUTH_STRING: ${PREFECT_AUTH:?set it} on the server with the value in .env',
        });
      }
    }
  },
);
