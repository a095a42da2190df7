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
import { headerScenarios } from './scenarios/headers.js';
import { machineScenarios } from './scenarios/machines.js';
import { networkScenarios } from './scenarios/networks.js';
import { refusalScenarios } from './scenarios/refusals.js';
import { resilienceScenarios } from './scenarios/resilience.js';
import { roleRemovalScenarios } from './scenarios/roleRemoval.js';
import { tokenScenarios } from './scenarios/tokens.js';

/**
 * `tokens`: render with machineAccess.tokens and run the token scenarios too
 * (the Caddy and Traefik stacks: one stack proves both, the nginx stack has
 * machineTokens.test.ts). `roleRemoval`: the minute-long session re-check of
 * a removed role is oauth2-proxy's and Keycloak's, the same behind any proxy.
 */
export function localStackSuite(name: string, proxy: ProxyKind, options: { more?: (() => void)[]; tokens?: boolean; roleRemoval?: boolean } = {}): void {
  describeRealStack(name, () => {
    beforeAll(async () => {
      await startRealStack(proxy, options.tokens ? ['--set', 'machineAccess.tokens={}'] : []);
    }, 600_000);
    afterAll(async () => {
      await stopRealStack();
    }, 120_000);

    // The role is taken away before the machines' scenarios and its refusal looked for after the headers':
    // oauth2-proxy re-checks a session a minute after sign-in, and the scenarios between fill that minute.
    const roleRemoval = (options.roleRemoval ?? true) ? roleRemovalScenarios() : undefined;
    networkScenarios();
    roleRemoval?.takeAway();
    machineScenarios();
    browserScenarios();
    refusalScenarios();
    headerScenarios();
    roleRemoval?.refused();
    resilienceScenarios();
    doctorScenarios();
    if (options.tokens) tokenScenarios();
    for (const scenarios of options.more ?? []) scenarios();
  });
}
