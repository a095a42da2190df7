/**
 * @inquirer/prompts is reached only through import(): esbuild bundles such a
 * module lazily (its code runs only when the import() runs), so
 * non-interactive runs never evaluate it. Checked on the module graph esbuild
 * builds, and by running the built CLI without the package installed.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the built CLI and the prompt library', () => {
  it('imports @inquirer/prompts only dynamically', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src/cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: join(tmpdir(), 'lazy-load-check.cjs'),
    });
    const imports = Object.entries(result.metafile.inputs).flatMap(([from, input]) =>
      input.imports.filter((i) => i.original === '@inquirer/prompts').map((i) => ({ from, kind: i.kind })),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((i) => i.kind === 'dynamic-import'), JSON.stringify(imports)).toBe(true);
  });

  it('renders the local stack from the bundle alone, with no node_modules anywhere near it', async () => {
    const app = mkdtempSync(join(tmpdir(), 'prefect-secure-lazy-'));
    try {
      for (const path of ['package.json', 'bin', 'dist']) cpSync(join(ROOT, path), join(app, path), { recursive: true });
      const run = await execa(process.execPath, [join(app, 'bin/prefect-secure.js'), 'init', '--preset', 'local', '--out', join(app, 'stack')], {
        reject: false,
        env: { PREFECT_SECURE_COMPILE_CACHE: '0', NO_COLOR: '1' },
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(existsSync(join(app, 'stack', 'docker-compose.yml'))).toBe(true);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
