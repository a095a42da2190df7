/** spec -> plan -> secrets -> render -> validate: everything `init` does before writing. */
import { COMPONENTS } from './components/index.js';
import type { Component } from './components/types.js';
import { buildPlan, type Plan } from './plan/index.js';
import type { FileMap } from './render/index.js';
import { renderStack } from './render/index.js';
import type { RandomSource } from './secrets/random.js';
import { resolveSecrets, type SecretValues } from './secrets/resolve.js';
import type { Spec } from './config/schema.js';
import { validateRendered } from './validate/rendered.js';

export interface GenerateInput {
  spec: Spec;
  specSource: { text: string } | { input: object };
  random: RandomSource;
  existingSecrets?: SecretValues;
  /** The stack's files as they are before this render (a re-render keeps what still matches). */
  existingFile?: (path: string) => string | undefined;
  rotate?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** A drift check: a chosen password missing from env is stood in for and named in `unsetEnv`. */
  allowUnsetEnv?: boolean;
  /** The component registry; tests add or swap components here. */
  components?: readonly Component[];
}

export interface Generated {
  plan: Plan;
  files: FileMap;
  secrets: SecretValues;
  /** Chosen passwords not set in this environment (allowUnsetEnv): the files holding them are unknown. */
  unsetEnv: string[];
}

export function generateStack(input: GenerateInput): Generated {
  const components = input.components ?? COMPONENTS;
  const plan = buildPlan(input.spec, components);
  const { values: secrets, unset: unsetEnv } = resolveSecrets(plan.secrets, {
    random: input.random,
    ...(input.existingSecrets ? { existing: input.existingSecrets } : {}),
    ...(input.rotate ? { rotate: input.rotate } : {}),
    ...(input.env ? { env: input.env } : {}),
    ...(input.allowUnsetEnv ? { allowUnsetEnv: true } : {}),
  });
  const files = renderStack({
    plan,
    secrets,
    random: input.random,
    specSource: input.specSource,
    ...(input.existingFile ? { existingFile: input.existingFile } : {}),
  });
  const findings = validateRendered(plan, files, secrets, components);
  if (findings.length > 0) {
    // Never the user's fault: the plan or a template is wrong.
    throw new Error(`internal: the rendered stack failed its own checks: ${findings.map((f) => `${f.file}: ${f.message}`).join('; ')}`);
  }
  return { plan, files, secrets, unsetEnv };
}
