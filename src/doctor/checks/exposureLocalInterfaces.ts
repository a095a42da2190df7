/**
 * A local (laptop) stack is plain http with a development identity provider:
 * its proxy belongs on loopback. Published on every interface, anyone on the
 * same network reaches it — and basic-auth passwords cross that network in
 * clear. The same words as init's warning (components/target/local/facts.ts).
 */
import { EXPOSURE_CHECK, isLoopbackBind, LOCAL_STACK_EXPOSED } from '../../components/target/local/facts.js';
import { defineCheck } from './check.js';
import { frontProxies, hasFrontProxy, isLocalStack } from './util/stack.js';

export const exposureLocalInterfaces = defineCheck(
  {
    id: EXPOSURE_CHECK,
    title: 'A local stack is published on loopback only',
    severity: 'warning',
    appliesTo: (model) => hasFrontProxy(model) && isLocalStack(model, []),
  },
  (model, report) => {
    for (const proxy of frontProxies(model)) {
      for (const port of proxy.ports) {
        if (isLoopbackBind(port.hostIp)) continue;
        report.add('warning', port.at, {
          message: `${proxy.name} publishes ${port.raw} on ${port.hostIp ?? 'every interface'}: ${LOCAL_STACK_EXPOSED}`,
          why: 'a local stack has no TLS and a development identity provider; it is built for this computer only',
          fix: `publish it on loopback: "127.0.0.1:${port.published ?? port.target}:${port.target}" (hosts.bind: 127.0.0.1 in prefect-secure.yaml)`,
        });
      }
    }
  },
);
