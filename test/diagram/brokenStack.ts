/** The rendered local stack with the machine host's basic auth taken out of nginx.conf, and doctor's diagram of it. */
import { CHECKS } from '../../src/doctor/checks/index.js';
import { stackPicture } from '../../src/doctor/diagram.js';
import { loadStack } from '../../src/doctor/load/index.js';
import { memoryTree } from '../../src/doctor/load/tree.js';
import { runChecks } from '../../src/doctor/run.js';
import { toMermaid } from '../../src/diagram/mermaid.js';
import { renderLocal } from '../helpers/stack.js';

export function renderedFiles(): Record<string, string> {
  return Object.fromEntries([...renderLocal().files].map(([path, file]) => [path, file.content]));
}

/** The files with every `auth_basic` line of nginx.conf removed: the machine host serves the API with no credential. */
export function withoutBasicAuth(files: Record<string, string>): Record<string, string> {
  return { ...files, 'proxy/nginx.conf': files['proxy/nginx.conf']!.split('\n').filter((line) => !/^\s*auth_basic/.test(line)).join('\n') };
}

export function brokenStackDiagram(): string {
  const model = loadStack(memoryTree(withoutBasicAuth(renderedFiles())), '.');
  return toMermaid(stackPicture(model, runChecks(model, CHECKS).flatMap((r) => r.findings)));
}
