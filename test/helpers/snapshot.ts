import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir` with its text, by relative path: two snapshots are equal when nothing changed. */
export function snapshot(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, snapshot(dir, path));
    else files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}
