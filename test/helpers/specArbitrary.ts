/** Valid specs over the whole option space, for property tests: ports 80 and 443 included, chosen passwords, every database and Python version. */
import fc from 'fast-check';
import type { SpecInput } from '../../src/config/schema.js';

// Short names, and long ones up to the 63-character label limit (nginx needs a bigger server-name hash bucket for them).
const label = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z][a-z0-9]{40,62}\.[a-z][a-z0-9]{40,62}$/));
const userName = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

/** The whole option space of the spec: ports 80 and 443 included, chosen passwords, every database version. */
export const specs: fc.Arbitrary<{ spec: SpecInput; env: Record<string, string> }> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/),
    ui: label,
    machine: label,
    idp: label,
    port: fc.oneof(fc.constantFrom(80, 443, 8080), fc.integer({ min: 1, max: 65535 })),
    bind: fc.constantFrom('127.0.0.1', '0.0.0.0'),
    realm: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    clientId: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
    roles: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 3 }),
    demoUser: fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
    users: fc.uniqueArray(userName, { minLength: 1, maxLength: 4 }),
    // At most one chosen password (stored as bcrypt, which costs ~0.1 s per hash here).
    chosen: fc.integer({ min: -2, max: 3 }),
    profiles: fc.integer({ min: 0, max: 4 }),
    database: fc.constantFrom('15', '16', '17'),
    python: fc.constantFrom('3.10', '3.11', '3.12', '3.13'),
    egress: fc.constantFrom('none', 'internet'),
  })
  .filter((s) => new Set([s.ui, s.machine, s.idp]).size === 3)
  .map((s) => {
    const env: Record<string, string> = {};
    const users = s.users.map((name, i) => {
      if (i !== s.chosen) return name;
      env.CHOSEN_PASSWORD = `chosen-password-of-${name}`;
      return { name, password: 'env:CHOSEN_PASSWORD' };
    });
    const spec: SpecInput = {
      version: 1,
      name: s.name,
      hosts: { ui: `${s.ui}.localtest.me`, machine: `${s.machine}.localtest.me`, idp: `${s.idp}.localtest.me`, port: s.port, bind: s.bind },
      identityProvider: { type: 'keycloak', realm: s.realm, clientId: s.clientId, allowedRoles: s.roles, demoUser: s.demoUser },
      machineAccess: { users },
      database: { type: 'postgres', version: s.database },
      prefect: { python: s.python, egress: s.egress },
      clients: { profiles: s.users.slice(0, Math.max(1, Math.min(s.profiles, s.users.length))) },
    } as SpecInput;
    return { spec, env };
  });

