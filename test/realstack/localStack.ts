/**
 * The rendered local stack with one proxy, run with the real software and
 * used the way people use it: one stack is started for all scenarios, in
 * this order, and stopped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { describeRealStack, startRealStack, stopRealStack } from './context.js';
import type { ProxyKind } from './helpers/accessLog.js';
import { browserScenarios } from './scenarios/browser.js';
import { doctorScenarios } from './scenarios/doctor.js';
import { machineScenarios } from './scenarios/machines.js';
import { networkScenarios } from './scenarios/networks.js';
import { refusalScenarios } from './scenarios/refusals.js';
import { resilienceScenarios } from './scenarios/resilience.js';

export function localStackSuite(name: string, proxy: ProxyKind, more: (() => void)[] = []): void {
  describeRealStack(name, () => {
    beforeAll(async () => {
      await startRealStack(proxy);
    }, 600_000);
    afterAll(async () => {
      await stopRealStack();
    }, 120_000);

    networkScenarios();
    machineScenarios();
    browserScenarios();
    refusalScenarios();
    resilienceScenarios();
    doctorScenarios();
    for (const scenarios of more) scenarios();
  });
}
