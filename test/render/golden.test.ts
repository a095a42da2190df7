/**
 * Golden files: every file `init --preset local` renders, byte for byte, with
 * deterministic secrets — the reviewed output, so any change to it is a diff
 * someone reads. They are also a stack the product must accept as it is on
 * disk: doctor finds nothing in the golden folder. After an intended change,
 * review the diff and run
 * `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts`.
 * Golden copies carry a `.golden` suffix so the rendered `.gitignore` does not
 * apply to them in this repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorFindings } from '../../src/validate/rendered.js';
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

  it('is a folder doctor finds nothing wrong in', () => {
    const files = new Map([...stack.files.keys()].map((path) => [path, { content: readFileSync(join(GOLDEN, `${path}.golden`), 'utf8'), mode: 0o644 }]));
    expect(doctorFindings(files)).toEqual([]);
    // And the check looks: the golden compose with the Prefect server on its loopback is refused.
    const compose = files.get('docker-compose.yml')!.content.replace('PREFECT_SERVER_API_HOST: "0.0.0.0"', 'PREFECT_SERVER_API_HOST: "127.0.0.1"');
    files.set('docker-compose.yml', { content: compose, mode: 0o644 });
    expect(doctorFindings(files).map((f) => f.message)).toEqual([expect.stringMatching(/^doctor error prefect-server-host: /)]);
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
