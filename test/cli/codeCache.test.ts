/**
 * bin/prefect-secure.js keeps V8's compiled code between runs. The cache is
 * code the process runs, so it is read only from a private folder of the
 * user's own, and never from a file others could have written.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const home = () => mkdtempSync(join(tmpdir(), 'prefect-secure-cache-'));
const cacheDir = (cacheHome: string) => join(cacheHome, 'prefect-secure');
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const cacheFiles = (cacheHome: string) => readdirSync(cacheDir(cacheHome)).filter((f) => f.endsWith('.v8cache'));

describe('the code cache of the bin', () => {
  it('is written after the first run into a private folder, then reused as is', async () => {
    const cacheHome = home();
    const env = { XDG_CACHE_HOME: cacheHome };
    expect((await runCli(['--version'], { env })).code).toBe(0);
    const [file] = cacheFiles(cacheHome);
    expect(file).toMatch(/^cli-\d+-v\d+\.\d+\.\d+-\w+\.v8cache$/);
    expect(mode(cacheDir(cacheHome))).toBe('700');
    expect(mode(join(cacheDir(cacheHome), file!))).toBe('600');
    const before = readFileSync(join(cacheDir(cacheHome), file!));
    const second = await runCli(['init', '--preset', 'local', '--out', join(cacheHome, 'stack')], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(cacheDir(cacheHome), file!)).equals(before)).toBe(true);
  });

  it('is off with PREFECT_SECURE_CODE_CACHE=0', async () => {
    const cacheHome = home();
    expect((await runCli(['--version'], { env: { XDG_CACHE_HOME: cacheHome, PREFECT_SECURE_CODE_CACHE: '0' } })).code).toBe(0);
    expect(existsSync(cacheDir(cacheHome))).toBe(false);
  });

  it('is rebuilt when V8 rejects it (garbage, another build), and the CLI still works', async () => {
    const cacheHome = home();
    const env = { XDG_CACHE_HOME: cacheHome };
    await runCli(['--version'], { env });
    const path = join(cacheDir(cacheHome), cacheFiles(cacheHome)[0]!);
    writeFileSync(path, 'not a code cache');
    const run = await runCli(['--version'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(path, 'utf8')).not.toBe('not a code cache');
  });

  it('never reads a cache file others may write, or a link, and replaces it with a private one', async () => {
    for (const plant of ['writable', 'link'] as const) {
      const cacheHome = home();
      const env = { XDG_CACHE_HOME: cacheHome };
      await runCli(['--version'], { env });
      const path = join(cacheDir(cacheHome), cacheFiles(cacheHome)[0]!);
      const valid = readFileSync(path);
      if (plant === 'writable') {
        writeFileSync(path, valid);
        chmodSync(path, 0o666);
      } else {
        const elsewhere = join(cacheHome, 'planted.v8cache');
        writeFileSync(elsewhere, valid);
        writeFileSync(path, '');
        symlinkSync(elsewhere, `${path}.link`);
        // Replace the file by a link to the planted copy.
        const { renameSync } = await import('node:fs');
        renameSync(`${path}.link`, path);
      }
      const run = await runCli(['--version'], { env });
      expect(run.code).toBe(0);
      // Not trusted, so not read: the run wrote a fresh private file in its place.
      expect(lstatSync(path).isFile()).toBe(true);
      expect(mode(path)).toBe('600');
    }
  });

  it('ignores a cache folder that others may write', async () => {
    const cacheHome = home();
    mkdirSync(cacheDir(cacheHome), { recursive: true });
    chmodSync(cacheDir(cacheHome), 0o777);
    const run = await runCli(['--version'], { env: { XDG_CACHE_HOME: cacheHome } });
    expect(run.code).toBe(0);
    // The bin makes its own folder private before it writes anything there.
    expect(mode(cacheDir(cacheHome))).toBe('700');
  });
});
