import { describe, expect, it } from 'vitest';
import { exposureLocalInterfaces } from '../../../src/doctor/checks/exposureLocalInterfaces.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';
import { PRESETS } from '../../../src/config/presets.js';
import { CHECKS } from '../../../src/doctor/checks/index.js';
import { loadStack } from '../../../src/doctor/load/index.js';
import { memoryTree } from '../../../src/doctor/load/tree.js';
import { runChecks } from '../../../src/doctor/run.js';
import { renderLocal } from '../../helpers/stack.js';

const LOCAL_SPEC = 'version: 1\ntarget: local\n';

describe('exposure-local-interfaces', () => {
  it('warns when a local stack publishes its proxy on every interface, with the words init uses', () => {
    const compose = edit(GOOD_COMPOSE, '"127.0.0.1:8080:8080"', '"8080:8080"');
    const findings = run(exposureLocalInterfaces, goodStack({ 'docker-compose.yml': compose, 'prefect-secure.yaml': LOCAL_SPEC }));
    expect(brief(findings)).toEqual([`warning exposure-local-interfaces docker-compose.yml:${lineOf(compose, '"8080:8080"')}`]);
    expect(findings[0]!.message).toContain('reachable from other machines on your networks');
  });

  it('passes a local stack on loopback, and stacks not marked local', () => {
    expect(run(exposureLocalInterfaces, goodStack({ 'prefect-secure.yaml': LOCAL_SPEC }))).toEqual([]);
    const compose = edit(GOOD_COMPOSE, '"127.0.0.1:8080:8080"', '"8080:8080"');
    expect(run(exposureLocalInterfaces, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });

  it('agrees with init: a stack rendered with hosts.bind 0.0.0.0 gets the warning init printed', async () => {
    const stack = renderLocal({ ...PRESETS.local, hosts: { ...PRESETS.local.hosts, bind: '0.0.0.0' } });
    expect(stack.plan.warnings.join()).toContain('reachable from other machines on your networks');
    const files = Object.fromEntries([...stack.files].map(([path, file]) => [path, file.content]));
    const findings = (await runChecks(loadStack(memoryTree(files), '.'), CHECKS)).flatMap((r) => r.findings);
    expect(findings.map((f) => f.id)).toEqual(['exposure-local-interfaces']);
  });
});
