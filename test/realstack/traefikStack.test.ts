/**
 * The rendered local stack with Traefik as its proxy (`--proxy traefik`), run
 * with the real Traefik through the same scenarios as the nginx stack.
 */
import { localStackSuite } from './localStack.js';

localStackSuite('the rendered local stack with Traefik (and access tokens), with the real software', 'traefik', { tokens: true, roleRemoval: false });
