/**
 * Whether the public names of a local stack resolve to this computer. The
 * lookups run while the stack is written and never wait longer than a second:
 * an answer that comes too late counts as resolving (nothing is said).
 */
import { lookup } from 'node:dns/promises';
import { hostsFileLine } from '../plan/hosts.js';
import type { Plan } from '../plan/types.js';

const WAIT_MS = 1000;

export interface UnresolvedNames {
  names: string[];
  /** The hosts-file line that makes them resolve without DNS. */
  hostsLine: string;
}

export async function unresolvedLocalNames(plan: Plan): Promise<UnresolvedNames | undefined> {
  if (plan.localNames.length === 0) return undefined;
  const results = await Promise.all(
    plan.localNames.map(async ({ name, address }) => {
      const answer = lookup(name, { all: true }).then(
        (found) => found.some((entry) => entry.address === address),
        () => false,
      );
      const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), WAIT_MS).unref());
      return { name, address, resolves: await Promise.race([answer, late]) };
    }),
  );
  const missing = results.filter((r) => !r.resolves);
  if (missing.length === 0) return undefined;
  // One hosts-file line for every name of the stack, as NEXT_STEPS.md gives it.
  return { names: missing.map((r) => r.name), hostsLine: hostsFileLine(plan.localNames) };
}
