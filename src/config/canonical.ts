import type { Spec, SpecInput } from './schema.js';

/**
 * The spec as it is written into a stack: every value explicit, defaults
 * included, in schema order. Flags, a spec file and the wizard that give the
 * same answers therefore write the same bytes.
 */
export function canonicalSpec(spec: Spec): SpecInput {
  const { $schema: _ignored, ...rest } = spec;
  return {
    ...rest,
    machineAccess: {
      ...spec.machineAccess,
      users: spec.machineAccess.users.map((user) => (user.password ? { name: user.name, password: `env:${user.password}` } : user.name)),
    },
  };
}
