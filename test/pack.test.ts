/**
 * What users install: `npm pack` the project, install the tarball into an
 * empty project, and run it through npx as a user would (issue 2).
 *
 * dist/ is built once by vitest's globalSetup (test/globalSetup.ts); `npm pack`
 * runs with --ignore-scripts so it packs that build instead of running
 * `prepare` again, which would delete and rebuild dist/ under the feet of
 * other tests spawning the CLI at the same time.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const TIMEOUT = 120_000;

/** npm without notifier/funding noise, offline: it can only use the tarball and what it installed. */
const env = {
  ...process.env,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  npm_config_offline: 'true',
  NO_COLOR: '1',
};

async function exec(file: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env, timeout: TIMEOUT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: `${e.stderr ?? ''}\n${e.message}` };
  }
}

const BUILTINS = new Set(builtinModules);

describe('the packed tarball, installed into an empty project', () => {
  let tmp: string;
  let project: string;
  let packed: { filename: string; files: { path: string }[] };

  beforeAll(async () => {
    expect(existsSync(join(ROOT, 'dist/cli.cjs')), 'dist/ is missing: run `npm run build`').toBe(true);
    tmp = mkdtempSync(join(tmpdir(), 'prefect-secure-pack-'));
    const pack = await exec(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;
    project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-probe', version: '1.0.0', private: true }, null, 2));
    // --offline: a package without runtime dependencies needs nothing from the registry.
    const install = await exec(NPM, ['install', join(tmp, packed.filename), '--no-audit', '--no-fund', '--offline'], project);
    expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);
  }, TIMEOUT);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('ships the bin and the bundled dist/ (templates precompiled inside), and no sources, templates or tests', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'bin/prefect-secure.js', 'dist/cli.cjs']));
    expect(paths.filter((p) => p.endsWith('.hbs'))).toEqual([]);
    expect(paths.filter((p) => /^(src|test|scripts)\//.test(p) || p.endsWith('.ts'))).toEqual([]);
    // The bundle is one file: it requires nothing but Node's built-ins.
    const cli = readFileSync(join(ROOT, 'dist/cli.cjs'), 'utf8');
    const required = [...cli.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.filter((name) => !name.startsWith('node:') && !BUILTINS.has(name))).toEqual([]);
  });

  it('installs no runtime dependency: prefect-secure is alone in node_modules', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['prefect-secure']);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).sort()).toEqual(['', 'node_modules/prefect-secure']);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/prefect-secure/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('`npx prefect-secure --help` exits 0 and lists init', async () => {
    // Exactly what a user types; npm_config_offline (below) means npx can only run the installed copy.
    const help = await exec(NPX, ['prefect-secure', '--help'], project);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^\s+init\b/m);
    expect(help.stdout).toContain('Usage: prefect-secure');
  }, TIMEOUT);

  it('`npx prefect-secure init --preset local --out stack` writes the stack, secrets with mode 0600', async () => {
    const init = await exec(NPX, ['prefect-secure', 'init', '--preset', 'local', '--out', 'stack'], project);
    expect(init.code, `${init.stdout}\n${init.stderr}`).toBe(0);
    const stack = join(project, 'stack');
    const compose = readFileSync(join(stack, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/^services:/m);
    expect(statSync(join(stack, '.env')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(stack, '.env'), 'utf8')).toMatch(/^PREFECT_MACHINE_CI_PASSWORD=\S{43,}$/m);
    expect(readFileSync(join(stack, 'proxy/nginx.conf'), 'utf8')).toContain('auth_basic_user_file');
  }, TIMEOUT);

  it('every `npx prefect-secure` command NEXT_STEPS.md prints works as printed, in the stack folder (the live check aside)', async () => {
    const stack = join(project, 'stack');
    const text = readFileSync(join(stack, 'NEXT_STEPS.md'), 'utf8');
    // Inline `npx prefect-secure ...` and lines of sh blocks, comments dropped.
    const inline = [...text.matchAll(/`(npx prefect-secure [^`]+)`/g)].map((m) => m[1]!);
    const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n')).filter((line) => line.startsWith('npx prefect-secure'));
    const commands = [...new Set([...inline, ...blocks].map((line) => line.replace(/\s+#.*$/, '').trim()))];
    expect(commands).toEqual(expect.arrayContaining(['npx prefect-secure render', 'npx prefect-secure doctor .', 'npx prefect-secure doctor . --live']));
    // --live needs the running stack: the real-stack suite runs it.
    for (const command of commands.filter((c) => !c.endsWith('--live'))) {
      const result = await exec('sh', ['-c', command], stack);
      expect(result.code, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
    }
    // Re-rendering in place wrote no second stack beside the first.
    expect(existsSync(join(stack, 'prefect-stack'))).toBe(false);
  }, TIMEOUT);
});
