/**
 * Golden files: every file `init --preset local` renders, byte for byte, with
 * deterministic secrets. After an intended change, review the diff and run
 * `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts`.
 * Golden copies carry a `.golden` suffix so the rendered `.gitignore` does not
 * apply to them in this repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderLocal } from '../helpers/stack.js';

const GOLDEN = join(import.meta.dirname, '..', 'golden', 'local');
const update = process.env.UPDATE_GOLDEN === '1';
const stack = renderLocal();

describe('golden files of the local preset', () => {
  it.each([...stack.files.keys()])('%s', (path) => {
    const golden = join(GOLDEN, `${path}.golden`);
    const content = stack.files.get(path)!.content;
    if (update || !existsSync(golden)) {
      if (!update) throw new Error(`missing golden file ${golden}; run with UPDATE_GOLDEN=1 to create it`);
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, content);
    }
    expect(content).toBe(readFileSync(golden, 'utf8'));
  });

  it('renders the same bytes twice from the same spec and randomness', () => {
    const again = renderLocal();
    for (const [path, file] of stack.files) expect(again.files.get(path)!.content, path).toBe(file.content);
  });

  it('gives secret files mode 0600 and the rest 0644', () => {
    const modes = Object.fromEntries([...stack.files].map(([path, file]) => [path, file.mode.toString(8)]));
    expect(modes).toMatchObject({ '.env': '600', 'prefect/profiles.toml': '600', 'docker-compose.yml': '644' });
    for (const file of stack.plan.files) expect(stack.files.get(file.path)!.mode).toBe(file.secret ? 0o600 : 0o644);
  });
});
