/** Backend services (database, Redis, Prefect behind a proxy) belong on an `internal: true` network: no route in or out. */
import { defineCheck } from './check.js';
import { is } from '../load/roles.js';
import { hasFrontProxy } from './util/stack.js';

const ID = 'exposure-network-internal';

export const exposureNetworkInternal = defineCheck(
  {
    id: ID,
    title: 'Backend services sit on an internal network',
    severity: 'warning',
    appliesTo: (model) => hasFrontProxy(model) && model.services.length > 0,
  },
  (model, report) => {
    for (const s of model.services) {
      const prefectServer = model.prefect.services.some((p) => p.service === s.name && p.serves);
      // A server that installs EXTRA_PIP_PACKAGES at start needs the internet.
      if (prefectServer && s.environment.get('EXTRA_PIP_PACKAGES')?.value) continue;
      if (!(is.postgres(s) || is.redis(s) || prefectServer) || s.networkMode) continue;
      const open = s.networks.filter((n) => !model.networks.get(n.name)?.internal);
      if (open.length === 0 || open.length < s.networks.length) continue;
      report.warning(open[0]!.at, {
        message: `${s.name} is only on network${open.length > 1 ? 's' : ''} ${open.map((n) => n.name).join(', ')}, which ${open.length > 1 ? 'are' : 'is'} not internal`,
        why: 'a non-internal network is routed to the host and the internet; a backend that never needs either is one mistake (a published port) away from exposure',
        fix: `declare  networks: { backend: { internal: true } }  and put ${s.name} only on backend (the proxy joins it too)`,
      });
    }
  },
);
