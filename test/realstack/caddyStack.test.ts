/**
 * The rendered local stack with Caddy as its proxy (`--proxy caddy`), run with
 * the real Caddy through the same scenarios as the nginx stack.
 */
import { localStackSuite } from './localStack.js';

localStackSuite('the rendered local stack with Caddy, with the real software', 'caddy');
