/**
 * The CLI runs on every maintained Node: the one running these tests (20)
 * and the official builds of 22 and 24 (scripts/install-components.sh). Where
 * Node keeps compiled code itself (22.1+), bin/prefect-secure.js gives it a
 * private folder of the user's own, and never one that others may write or
 * a link; elsewhere it simply loads the bundle.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedNode, NODE_MAJORS } from '../../scripts/lib/components.mjs';
import { runCli } from '../helpers/cli.js';
import { isCi } from '../helpers/tools.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'prefect-secure-node-'));
const cacheOf = (home: string) => join(home, 'prefect-secure', 'compile-cache');
/** Files below a folder, recursively (Node keeps one folder per Node version and V8 flags). */
const filesBelow = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => lstatSync(join(dir, f)).isFile()) : []);

const runtimes = [
  { name: `Node ${process.versions.node} (the test runner's)`, node: process.execPath, compileCache: false },
  ...NODE_MAJORS.map((major) => ({ name: `Node ${major}`, node: installedNode(major), compileCache: true })),
];

for (const runtime of runtimes) {
  const missing = runtime.node === undefined;
  if (missing) console.warn(`${isCi() ? '[CI=true, failing]' : '[skipped]'} ${runtime.name} is not installed: npm run components`);
  (missing && !isCi() ? describe.skip : describe)(`the CLI on ${runtime.name}`, () => {
    const node = () => runtime.node ?? (() => { throw new Error(`${runtime.name} is not installed: npm run components`); })();

    it('renders the local stack, which doctor passes, and keeps compiled code only where Node has a cache of its own', async () => {
      const home = tmp();
      const out = join(home, 'stack');
      const env = { XDG_CACHE_HOME: home };
      const init = await runCli(['init', '--preset', 'local', '--out', out], { node: node(), env });
      expect(init.code, init.stderr).toBe(0);
      const doctor = await runCli(['doctor', out], { node: node(), env });
      expect(doctor.stdout).toMatch(/^0 errors, 0 warnings, \d+ checks passed$/m);
      expect(doctor.code).toBe(0);
      const cached = filesBelow(cacheOf(home));
      if (runtime.compileCache) {
        expect(cached.length).toBeGreaterThan(0);
        expect(lstatSync(cacheOf(home)).mode & 0o777).toBe(0o700);
        // A later run reuses it and still works.
        expect((await runCli(['--version'], { node: node(), env })).code).toBe(0);
      } else {
        expect(cached).toEqual([]);
      }
    });

    if (!runtime.compileCache) return;

    it('writes no compile cache with PREFECT_SECURE_COMPILE_CACHE=0', async () => {
      const home = tmp();
      const run = await runCli(['--version'], { node: node(), env: { XDG_CACHE_HOME: home, PREFECT_SECURE_COMPILE_CACHE: '0' } });
      expect(run.code).toBe(0);
      expect(filesBelow(cacheOf(home))).toEqual([]);
    });

    it('neither reads nor writes a cache folder others may write, or one that is a link', async () => {
      const shared = tmp();
      mkdirSync(cacheOf(shared), { recursive: true });
      chmodSync(cacheOf(shared), 0o777);
      const linked = tmp();
      const elsewhere = join(tmp(), 'private');
      mkdirSync(elsewhere, { mode: 0o700 });
      mkdirSync(join(linked, 'prefect-secure'));
      symlinkSync(elsewhere, cacheOf(linked));
      for (const home of [shared, linked]) {
        const run = await runCli(['--version'], { node: node(), env: { XDG_CACHE_HOME: home } });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      }
      expect(filesBelow(cacheOf(shared))).toEqual([]);
      expect(lstatSync(cacheOf(shared)).mode & 0o777).toBe(0o777); // never chmod-ed
      expect(filesBelow(elsewhere)).toEqual([]);
    });
  });
}
