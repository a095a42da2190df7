import type { Spec, SpecInput } from './schema.js';

/**
 * The spec as it is written into a stack: every value explicit, defaults
 * included, in schema order. Flags, a spec file and the wizard that give the
 * same answers therefore write the same bytes. Reading it back gives the same
 * spec: a value the schema turned into something else (`env:NAME` into NAME)
 * is written the way a person writes it.
 */
export function canonicalSpec(spec: Spec): SpecInput {
  const { $schema: _ignored, ...rest } = spec;
  const idp = spec.identityProvider;
  return {
    ...rest,
    identityProvider: ('clientSecret' in idp && idp.clientSecret ? { ...idp, clientSecret: `env:${idp.clientSecret}` } : idp) as SpecInput['identityProvider'],
    database: ('password' in spec.database && spec.database.password ? { ...spec.database, password: `env:${spec.database.password}` } : spec.database) as SpecInput['database'],
    scale: { ...spec.scale, redis: spec.scale.redis.password ? { ...spec.scale.redis, password: `env:${spec.scale.redis.password}` } : spec.scale.redis },
    machineAccess: {
      ...spec.machineAccess,
      users: spec.machineAccess.users.map((user) => (user.password ? { name: user.name, password: `env:${user.password}` } : user.name)),
    },
  };
}
