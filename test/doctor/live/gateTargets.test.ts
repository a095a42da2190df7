/**
 * What `doctor --live` probes in a rendered stack, derived from the files
 * alone: each public host that serves Prefect, and on the machine host each
 * profile's credentials (its socket headers only from
 * PREFECT_CLIENT_CUSTOM_HEADERS). CI's prefect.toml carries no credential and
 * is not probed.
 */
import { describe, expect, it } from 'vitest';
import { loadStack } from '../../../src/doctor/load/index.js';
import { memoryTree } from '../../../src/doctor/load/tree.js';
import { liveTargets } from '../../../src/doctor/liveTargets.js';
import { renderLocal } from '../../helpers/stack.js';

describe('live gate targets of the rendered local stack', () => {
  const stack = renderLocal();
  const model = loadStack(memoryTree(Object.fromEntries([...stack.files].map(([path, f]) => [path, f.content]))), '.');
  const gates = liveTargets(model, 1000).gates!;

  it('probes the UI host and the machine host, nothing else', () => {
    expect(gates.map((g) => g.origin).sort()).toEqual([stack.plan.urls.machineApi.replace(/\/api$/, ''), stack.plan.urls.ui].sort());
  });

  it("sends each profile's credentials on the machine host: the API gets the auth string, the socket only the custom headers", () => {
    const machine = gates.find((g) => `${g.origin}/api` === stack.plan.urls.machineApi)!;
    expect(machine.clients.map((c) => c.label)).toEqual(stack.plan.machineUsers.map((u) => expect.stringContaining(`profile "${u.name}"`)));
    for (const client of machine.clients) {
      expect(client.restHeaders.authorization).toMatch(/^Basic /);
      expect(client.socketHeaders.authorization).toBe(client.restHeaders.authorization);
    }
    expect(gates.find((g) => g !== machine)!.clients).toEqual([]);
  });
});
