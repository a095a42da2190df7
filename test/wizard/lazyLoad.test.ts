import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

describe('the built CLI (dist/, built by the test setup)', () => {
  it('reaches @inquirer/prompts only through a dynamic import, so non-interactive runs never load it', () => {
    const files = readdirSync(DIST).filter((file) => file.endsWith('.js'));
    const inquirerChunks = files.filter((file) => readFileSync(join(DIST, file), 'utf8').includes('User force closed the prompt'));
    expect(inquirerChunks).toHaveLength(1);
    const chunk = inquirerChunks[0]!;
    expect(chunk).not.toBe('cli.js');
    for (const file of files) {
      const text = readFileSync(join(DIST, file), 'utf8');
      const references = text.split(`"./${chunk}"`).length - 1;
      const dynamic = text.split(`import("./${chunk}")`).length - 1;
      expect(references, `${file} imports ${chunk} statically`).toBe(dynamic);
    }
  });
});
