/** PREFECT_SERVER_API_HOST defaults to 127.0.0.1: in a container the proxy cannot reach the server. */
import { defineCheck } from './check.js';
import { service } from './util/stack.js';
import { isLoopbackHost } from './util/urls.js';

const ID = 'prefect-server-host';

export const prefectServerHost = defineCheck(
  {
    id: ID,
    title: 'The Prefect server listens on all interfaces of its container',
    severity: 'error',
    appliesTo: (model) => model.prefect.services.some((p) => p.serves),
  },
  (model, report) => {
    for (const server of model.prefect.services.filter((p) => p.serves)) {
      // `sh -c "prefect server start --host …"` is split into words too.
      const words = server.command.flatMap((a) => a.value.split(/\s+/).filter(Boolean).map((value) => ({ value, at: a.at })));
      const argv = words.map((w) => w.value);
      if (!argv.includes('start') || argv.includes('services')) continue;
      if (service(model, server.service)?.networkMode?.value === 'host') continue;
      const flagIndex = argv.findIndex((a) => a === '--host' || a.startsWith('--host='));
      const flagValue = flagIndex < 0 ? undefined : argv[flagIndex]!.includes('=') ? argv[flagIndex]!.split('=')[1] : argv[flagIndex + 1];
      const variable = server.environment.get('PREFECT_SERVER_API_HOST');
      const host = flagValue ?? variable?.value ?? '127.0.0.1';
      if (host === '0.0.0.0' || host === '::' || !isLoopbackHost(host)) continue;
      report.error(flagIndex >= 0 ? words[flagIndex]!.at : (variable?.at ?? server.at), {
        message: `service ${server.service} runs the Prefect server on ${host}${flagValue || variable ? '' : ' (the default)'}, the container's own loopback`,
        why: 'the proxy and every worker get "connection refused"',
        fix: 'PREFECT_SERVER_API_HOST: "0.0.0.0"  (or: prefect server start --host 0.0.0.0)',
      });
    }
  },
);
