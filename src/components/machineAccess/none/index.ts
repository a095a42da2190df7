/**
 * No machine access control (machineAccess.type: none): the machine host
 * passes every request to the Prefect API. Only for a network where nobody
 * else can reach the machine host; init and NEXT_STEPS say so loudly, and
 * doctor's exposure checks still apply. The client profiles carry only the
 * URLs.
 */
import { PROXY_API_OPEN } from '../../../doctor/checks/proxyApiOpen.js';
import type { Component } from '../../types.js';

export const noMachineAccess: Component = {
  id: 'none',
  concern: 'machineAccess',
  appliesTo: (spec) => spec.machineAccess.type === 'none',
  plan(ctx) {
    const { spec, urls } = ctx;
    return {
      machineUsers: [],
      // doctor reports the open API, as it should for anyone's stack; the warning above already said it.
      acknowledgedChecks: [PROXY_API_OPEN],
      warnings: [
        `machineAccess.type is none: ANYONE who reaches ${urls.machineApi} can use the whole Prefect API (run and change flows, read blocks and their secrets, delete everything). Use it only where nobody else can reach ${spec.hosts.machine}:${spec.hosts.port}; otherwise keep type: basic.`,
      ],
      nextSteps: [
        { order: 8, title: 'The API has no credential', template: 'machineAccess/none/steps/warning', view: { machineApi: urls.machineApi, host: spec.hosts.machine, port: spec.hosts.port, bind: spec.hosts.bind } },
      ],
    };
  },
};
