/**
 * The rendered local stack with Caddy as its proxy (`--proxy caddy`), run with
 * the real Caddy through the same scenarios as the nginx stack, and with
 * machineAccess.tokens on, the token scenarios (a bearer token checked by
 * oauth2-proxy beside the machine passwords).
 */
import { localStackSuite } from './localStack.js';

localStackSuite('the rendered local stack with Caddy (and access tokens), with the real software', 'caddy', { tokens: true, roleRemoval: false });
