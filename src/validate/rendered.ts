/**
 * The validate stage: before anything is written, the rendered stack must
 * parse, keep its secrets in the files meant for them, satisfy every
 * component's own validators, and pass every static check of `doctor` with
 * no finding at all. Generator and doctor share their facts this way: a
 * finding here is a bug in prefect-secure, never the user's input, and is
 * returned as data.
 */
import { parse as parseToml } from 'smol-toml';
import { load as parseYaml } from 'js-yaml';
import type { Component, RenderedView, RenderFinding } from '../components/types.js';
import { COMPONENTS } from '../components/index.js';
import { CHECKS } from '../doctor/checks/index.js';
import { loadStack } from '../doctor/load/index.js';
import { memoryTree } from '../doctor/load/tree.js';
import { runChecks } from '../doctor/run.js';
import type { Plan } from '../plan/types.js';
import type { FileMap } from '../render/index.js';
import type { SecretValues } from '../secrets/resolve.js';

export type { RenderFinding } from '../components/types.js';

const PARSERS: Record<string, (text: string) => unknown> = {
  // js-yaml: three times faster than the positional parser on a cold start, and it rejects duplicate keys too.
  '.yml': (text) => parseYaml(text),
  '.yaml': (text) => parseYaml(text),
  '.toml': (text) => parseToml(text),
  '.cfg': (text) => parseToml(text),
  '.json': (text) => JSON.parse(text),
};

function secretsOutsideTheirFiles(plan: Plan, files: FileMap, secrets: SecretValues): RenderFinding[] {
  const findings: RenderFinding[] = [];
  const secretFiles = new Set(plan.files.filter((f) => f.secret).map((f) => f.path));
  for (const [path, file] of files) {
    if (secretFiles.has(path)) continue;
    for (const [name, value] of Object.entries(secrets)) {
      if (file.content.includes(value)) findings.push({ file: path, message: `contains the value of ${name}` });
    }
  }
  return findings;
}

/**
 * Every static doctor check on the rendered files, as a user's `doctor` would
 * run them on the written folder once the files a person provides (TLS
 * certificates) are in place: those stand in empty here.
 */
export function doctorFindings(files: FileMap, acknowledged: readonly string[] = [], provided: readonly string[] = []): RenderFinding[] {
  const tree = { ...Object.fromEntries(provided.map((path) => [path, ''])), ...Object.fromEntries([...files].map(([path, f]) => [path, f.content])) };
  const model = loadStack(memoryTree(tree), '.');
  return runChecks(model, CHECKS.filter((check) => !acknowledged.includes(check.id))).flatMap((result) =>
    result.findings.map((f) => ({ file: f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '(stack)', message: `doctor ${f.severity} ${result.id}: ${f.message}` })),
  );
}

export function validateRendered(plan: Plan, files: FileMap, secrets: SecretValues, components: readonly Component[] = COMPONENTS): RenderFinding[] {
  const findings: RenderFinding[] = [];
  const parsed = new Map<string, unknown>();
  for (const [path, file] of files) {
    const parser = Object.entries(PARSERS).find(([ext]) => path.endsWith(ext))?.[1];
    if (!parser) continue;
    try {
      parsed.set(path, parser(file.content));
    } catch (error) {
      findings.push({ file: path, message: `does not parse: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  const view: RenderedView = { plan, text: (path) => files.get(path)?.content, parsed: (path) => parsed.get(path) };
  const used = new Set(plan.components.map((c) => c.id));
  for (const component of components) if (used.has(component.id)) findings.push(...(component.validate?.(view) ?? []));
  findings.push(...secretsOutsideTheirFiles(plan, files, secrets));
  findings.push(...doctorFindings(files, plan.acknowledgedChecks, plan.provided.map((f) => f.path)));
  return findings;
}
