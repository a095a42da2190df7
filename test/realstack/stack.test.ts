/**
 * The rendered default stack (nginx), run with the real Keycloak, oauth2-proxy,
 * Prefect, PostgreSQL and nginx as native processes, and used the way people
 * use it; then rotation and Keycloak's data, which do not depend on the proxy.
 */
import { localStackSuite } from './localStack.js';
import { gateScenarios } from './scenarios/gate.js';
import { keycloakDataScenarios } from './scenarios/keycloakData.js';
import { rotationScenarios } from './scenarios/rotation.js';

localStackSuite('the rendered local stack, with the real software', 'nginx', { more: [gateScenarios, rotationScenarios, keycloakDataScenarios] });
