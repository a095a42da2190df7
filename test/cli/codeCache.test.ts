/**
 * bin/prefect-secure.js keeps V8's compiled code between runs. The cache is
 * code the process runs, so it is keyed by a hash of the bundle (V8 itself
 * checks only the source's length), read only from a private folder of the
 * user's own, and never from a file others could have written or a link.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'cli.cjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const home = () => mkdtempSync(join(tmpdir(), 'prefect-secure-cache-'));
const cacheDir = (cacheHome: string) => join(cacheHome, 'prefect-secure');
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const cacheFiles = (cacheHome: string) => readdirSync(cacheDir(cacheHome)).filter((f) => f.endsWith('.v8cache'));
/** The name the bin gives the cache of a bundle. */
const cacheName = (bundle: string) =>
  `cli-${createHash('sha256').update(readFileSync(bundle, 'utf8')).digest('hex')}-${process.version}-${process.arch}.v8cache`;

/** Runs another copy of the bin, as runCli runs the real one. */
async function runBin(bin: string, args: string[], env: Record<string, string>) {
  const { CI: _ci, ...inherited } = process.env;
  const result = await execa(process.execPath, [bin, ...args], { env: { ...inherited, NO_COLOR: '1', ...env }, extendEnv: false, reject: false, stdin: 'ignore' });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

describe('the code cache of the bin', () => {
  it('is written after the first run into a private folder, named by the bundle hash, then reused as is', async () => {
    const cacheHome = home();
    const env = { XDG_CACHE_HOME: cacheHome };
    const first = await runCli(['--version'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe(VERSION);
    expect(cacheFiles(cacheHome)).toEqual([cacheName(BUNDLE)]);
    expect(cacheName(BUNDLE)).toMatch(/^cli-[0-9a-f]{64}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
    // Only the cache: the temporary file was renamed into place.
    expect(readdirSync(cacheDir(cacheHome))).toEqual([cacheName(BUNDLE)]);
    const file = join(cacheDir(cacheHome), cacheName(BUNDLE));
    expect(mode(cacheDir(cacheHome))).toBe('700');
    expect(mode(file)).toBe('600');
    const before = readFileSync(file);
    expect(before.length).toBeGreaterThan(0);
    const second = await runCli(['init', '--preset', 'local', '--out', join(cacheHome, 'stack')], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(join(cacheHome, 'stack'))).toBe(true);
    // Accepted, so not written again.
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('never runs the cached code of another bundle of the same length', async () => {
    const cacheHome = home();
    const env = { XDG_CACHE_HOME: cacheHome };
    expect((await runCli(['--version'], { env })).stdout.trim()).toBe(VERSION);
    expect(cacheFiles(cacheHome)).toEqual([cacheName(BUNDLE)]);

    // A copy of the app whose bundle differs only in the version define
    // (scripts/build.mjs: __PREFECT_SECURE_VERSION__ → JSON.stringify(version)).
    const app = mkdtempSync(join(tmpdir(), 'prefect-secure-app-'));
    for (const entry of ['package.json', 'bin', 'dist']) cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
    const bundle = readFileSync(BUNDLE, 'utf8');
    const literal = JSON.stringify(VERSION);
    expect(bundle.split(literal)).toHaveLength(2);
    const next = VERSION.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10));
    expect(next).not.toBe(VERSION);
    const changed = bundle.replace(literal, JSON.stringify(next));
    expect(changed.length).toBe(bundle.length);
    writeFileSync(join(app, 'dist', 'cli.cjs'), changed);

    const run = await runBin(join(app, 'bin', 'prefect-secure.js'), ['--version'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(next);
    // Each bundle has its own cache, and the first one was left alone.
    expect(cacheFiles(cacheHome).sort()).toEqual([cacheName(BUNDLE), cacheName(join(app, 'dist', 'cli.cjs'))].sort());
    // And the cache of the changed bundle is used for it, not for the original.
    const again = await runBin(join(app, 'bin', 'prefect-secure.js'), ['--version'], env);
    expect(again.stdout.trim()).toBe(next);
    expect((await runCli(['--version'], { env })).stdout.trim()).toBe(VERSION);
  });

  it('is off with PREFECT_SECURE_CODE_CACHE=0', async () => {
    const cacheHome = home();
    const run = await runCli(['--version'], { env: { XDG_CACHE_HOME: cacheHome, PREFECT_SECURE_CODE_CACHE: '0' } });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
    expect(existsSync(cacheDir(cacheHome))).toBe(false);
  });

  it('is rebuilt when V8 rejects it (garbage, another build), and the CLI still works', async () => {
    const cacheHome = home();
    const env = { XDG_CACHE_HOME: cacheHome };
    await runCli(['--version'], { env });
    const path = join(cacheDir(cacheHome), cacheName(BUNDLE));
    writeFileSync(path, 'not a code cache');
    const run = await runCli(['--version'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
    expect(readFileSync(path, 'utf8')).not.toBe('not a code cache');
    expect(mode(path)).toBe('600');
  });

  it('never reads a cache file others may write, or a link, and replaces it with a private one', async () => {
    for (const plant of ['writable', 'link'] as const) {
      const cacheHome = home();
      const env = { XDG_CACHE_HOME: cacheHome };
      await runCli(['--version'], { env });
      const path = join(cacheDir(cacheHome), cacheName(BUNDLE));
      const valid = readFileSync(path);
      const elsewhere = join(cacheHome, 'planted.v8cache');
      if (plant === 'writable') {
        chmodSync(path, 0o666);
      } else {
        // Replace the file by a link to a valid copy elsewhere.
        writeFileSync(elsewhere, valid, { mode: 0o600 });
        symlinkSync(elsewhere, `${path}.link`);
        renameSync(`${path}.link`, path);
        expect(lstatSync(path).isSymbolicLink()).toBe(true);
      }
      const run = await runCli(['--version'], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.trim()).toBe(VERSION);
      // The cache was valid: had it been read, it would have been accepted and
      // left as it was. It was not trusted, so the run wrote a private file in its place.
      expect(lstatSync(path).isFile(), plant).toBe(true);
      expect(mode(path), plant).toBe('600');
      if (plant === 'link') expect(readFileSync(elsewhere).equals(valid)).toBe(true);
    }
  });

  it('does not use a cache folder that is a link, even to a private folder of the user', async () => {
    // 0755 is not writable by others either: a chmod through the link would show.
    for (const targetMode of [0o700, 0o755]) {
      const cacheHome = home();
      const target = join(cacheHome, 'real-cache');
      mkdirSync(target);
      chmodSync(target, targetMode);
      // A cache for this bundle, which a run would rewrite if it read it (V8 rejects it).
      const planted = join(target, cacheName(BUNDLE));
      writeFileSync(planted, 'not a code cache', { mode: 0o600 });
      symlinkSync(target, cacheDir(cacheHome));
      for (let i = 0; i < 2; i++) {
        const run = await runCli(['--version'], { env: { XDG_CACHE_HOME: cacheHome } });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout.trim()).toBe(VERSION);
      }
      expect(lstatSync(cacheDir(cacheHome)).isSymbolicLink()).toBe(true);
      expect(readdirSync(target)).toEqual([cacheName(BUNDLE)]);
      expect(readFileSync(planted, 'utf8')).toBe('not a code cache');
      expect(mode(target)).toBe(targetMode.toString(8));
    }
  });

  it('neither reads, writes nor chmods a cache folder that others may write', async () => {
    const cacheHome = home();
    mkdirSync(cacheDir(cacheHome), { recursive: true });
    chmodSync(cacheDir(cacheHome), 0o777);
    const env = { XDG_CACHE_HOME: cacheHome };
    const run = await runCli(['--version'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
    expect(mode(cacheDir(cacheHome))).toBe('777');
    expect(readdirSync(cacheDir(cacheHome))).toEqual([]);

    // A file of the user's own in it, which a run would rewrite if it read it (V8 rejects it).
    const planted = join(cacheDir(cacheHome), cacheName(BUNDLE));
    writeFileSync(planted, 'not a code cache', { mode: 0o600 });
    const again = await runCli(['--version'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(VERSION);
    expect(readFileSync(planted, 'utf8')).toBe('not a code cache');
    expect(readdirSync(cacheDir(cacheHome))).toEqual([cacheName(BUNDLE)]);
    expect(mode(cacheDir(cacheHome))).toBe('777');
  });
});
