import { generateStack, type Generated } from '../../src/generate.js';
import { canonicalSpec } from '../../src/config/canonical.js';
import { validateSpec } from '../../src/config/load.js';
import { PRESETS } from '../../src/config/presets.js';
import type { SpecInput } from '../../src/config/schema.js';
import { seededRandom } from './seededRandom.js';

/** Renders a stack in memory from a spec input (the local preset by default), with deterministic secrets. */
export function renderLocal(input: SpecInput = PRESETS.local, seed?: string, env: NodeJS.ProcessEnv = {}): Generated {
  const spec = validateSpec(input);
  return generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom(seed), env });
}

export function fileText(generated: Pick<Generated, 'files'>, path: string): string {
  const file = generated.files.get(path);
  if (!file) throw new Error(`no rendered file ${path}`);
  return file.content;
}

/** Renders the same spec again as `render` does on an existing stack: its secrets and htpasswd lines kept, other randomness. */
export function rerender(stack: Generated, seed: string, env: NodeJS.ProcessEnv): Generated {
  return generateStack({
    spec: stack.plan.spec,
    specSource: { input: canonicalSpec(stack.plan.spec) },
    random: seededRandom(seed),
    env,
    existingSecrets: Object.fromEntries(Object.entries(stack.secrets).filter(([name]) => stack.plan.secrets.some((s) => s.name === name && 'generate' in s.source))),
    existingFile: (path) => stack.files.get(path)?.content,
  });
}
