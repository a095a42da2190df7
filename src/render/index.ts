/**
 * Lays the plan out as files: each planned file renders itself from the
 * view its component computed (and, for the few files meant to hold them,
 * the secret values). No decision about the stack is made here.
 */
import type { Plan } from '../plan/types.js';
import type { RandomSource } from '../secrets/random.js';
import type { SecretValues } from '../secrets/resolve.js';

export interface RenderedFile {
  content: string;
  mode: number;
}
export type FileMap = Map<string, RenderedFile>;

export interface RenderInput {
  plan: Plan;
  secrets: SecretValues;
  random: RandomSource;
  /** The spec as the user wrote it, or the preset input. */
  specSource: { text: string } | { input: object };
  /** The stack's files as they are before this render. */
  existingFile?: (path: string) => string | undefined;
}

export function renderStack(input: RenderInput): FileMap {
  const files: FileMap = new Map();
  const fileInput = { ...input, existing: input.existingFile ?? (() => undefined) };
  for (const file of input.plan.files) files.set(file.path, { content: file.render(fileInput), mode: file.mode });
  return files;
}
