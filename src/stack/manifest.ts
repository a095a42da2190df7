/**
 * What prefect-secure generated, by content hash: lets a re-render tell a
 * file it wrote from one a person edited since.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainRelative } from './paths.js';

export const MANIFEST_PATH = '.prefect-secure/manifest.json';

export interface Manifest {
  generator: string;
  files: Record<string, { sha256: string }>;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export function buildManifest(generator: string, files: Iterable<[string, { content: string }]>): Manifest {
  const entries = [...files].map(([path, file]) => [path, { sha256: sha256(file.content) }] as const);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); // not localeCompare: ICU start-up costs ~20 ms
  return { generator, files: Object.fromEntries(entries) };
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function readManifest(dir: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_PATH), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as Manifest;
  if (!parsed || typeof parsed.files !== 'object' || parsed.files === null) throw new Error('malformed');
  // A file it names may be removed by the next render: each must be a plain path inside the stack.
  if (!Object.keys(parsed.files).every(isPlainRelative)) throw new Error('malformed');
  return parsed;
}
