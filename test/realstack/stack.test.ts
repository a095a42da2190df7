/**
 * The rendered default stack, run with the real Keycloak, oauth2-proxy,
 * Prefect, PostgreSQL and nginx as native processes, and used the way people
 * use it. One stack is started for all scenarios, in this order.
 */
import { afterAll, beforeAll } from 'vitest';
import { describeRealStack, startRealStack, stopRealStack } from './context.js';
import { browserScenarios } from './scenarios/browser.js';
import { doctorScenarios } from './scenarios/doctor.js';
import { machineScenarios } from './scenarios/machines.js';
import { networkScenarios } from './scenarios/networks.js';
import { refusalScenarios } from './scenarios/refusals.js';
import { resilienceScenarios } from './scenarios/resilience.js';
import { keycloakDataScenarios } from './scenarios/keycloakData.js';
import { rotationScenarios } from './scenarios/rotation.js';

describeRealStack('the rendered local stack, with the real software', () => {
  beforeAll(async () => {
    await startRealStack();
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
  rotationScenarios();
  keycloakDataScenarios();
});
