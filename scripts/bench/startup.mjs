// 1. Start-up: init as a whole process against node -e 0 and create-vite 9 on every Node installed, what each start-up measure saves, and peak memory.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installedNode, NODE_MAJORS } from '../lib/components.mjs';
import { APP, BIN, GOALS, ROOT, RUNS, fmtMs, quantile, timed, tmp, verdict } from './common.mjs';

// ---- 1. start-up -------------------------------------------------------------------------
/** create-vite 9, installed once into the git-ignored cache: a small, popular CLI to compare with. */
function createVite() {
  const dir = join(ROOT, '.cache', 'bench', 'create-vite');
  const bin = join(dir, 'node_modules', 'create-vite', 'index.js');
  if (!existsSync(bin)) {
    const npm = spawnSync('npm', ['install', '--prefix', dir, 'create-vite@9.3.0', '--no-audit', '--no-fund', '--silent'], { stdio: 'inherit' });
    if (npm.status !== 0 || !existsSync(bin)) return undefined;
  }
  return bin;
}

export function benchStartup() {
  console.log(`\n## init --preset local vs node -e 0 and create-vite 9 (${RUNS} runs each, interleaved, fresh --out each)\n`);
  const vite = createVite();
  if (!vite) console.log('  create-vite 9 could not be installed from npm; its rows are left out');
  const runtimes = [
    { name: `Node ${process.versions.node}`, node: process.execPath },
    ...NODE_MAJORS.flatMap((major) => (installedNode(major) ? [{ name: `Node ${major}`, node: installedNode(major) }] : [])),
  ];
  let rendered;
  for (const { name, node } of runtimes) {
    const hasCache = spawnSync(node, ['-p', "typeof require('module').enableCompileCache"], { encoding: 'utf8' }).stdout.trim() === 'function';
    const out = (i) => join(tmp, `startup-${name.replace(/\W+/g, '-')}-${i}`);
    const warm = join(tmp, `cache-${name.replace(/\W+/g, '-')}`);
    const empty = (i) => ({ XDG_CACHE_HOME: join(tmp, `empty-${name.replace(/\W+/g, '-')}-${i}`) });
    const rows = { bare: [], vite: [], first: [], later: [] };
    // One untimed run of each to warm the file cache (and the compile cache of later runs).
    timed(['-e', '0'], 'node -e 0', {}, node);
    timed([BIN, 'init', '--preset', 'local', '--out', out('warm')], 'init', { XDG_CACHE_HOME: warm }, node);
    for (let i = 0; i < RUNS; i++) {
      rows.bare.push(timed(['-e', '0'], 'node -e 0', {}, node));
      if (vite) rows.vite.push(timed([vite, '--help'], 'create-vite --help', {}, node));
      rows.first.push(timed([BIN, 'init', '--preset', 'local', '--out', out(`first-${i}`)], 'init', empty(i), node));
      rows.later.push(timed([BIN, 'init', '--preset', 'local', '--out', out(i)], 'init', { XDG_CACHE_HOME: warm }, node));
    }
    const median = (values) => quantile(values, 0.5);
    const row = (label, values) =>
      console.log(
        `  ${label.padEnd(40)} median ${fmtMs(median(values)).padStart(9)}   p90 ${fmtMs(quantile(values, 0.9)).padStart(9)}   ` +
          `${(median(values) / median(rows.bare)).toFixed(2)}x node -e 0${vite ? `   ${(median(values) / median(rows.vite)).toFixed(2)}x create-vite` : ''}`,
      );
    console.log(`  ${name}${hasCache ? ' (Node compile cache)' : ' (no compile cache: a plain load)'}`);
    row('node -e 0', rows.bare);
    if (vite) row('create-vite --help', rows.vite);
    row('init --preset local, first run', rows.first);
    row(hasCache ? 'init --preset local, later runs' : 'init --preset local, later runs (same)', rows.later);
    const ratio = median(rows.later) / median(rows.bare);
    console.log(`  later runs / node -e 0: ${ratio.toFixed(2)}x   goal <= ${GOALS.startupRatio}x: ${verdict(ratio <= GOALS.startupRatio)}\n`);
    rendered ??= out(0);
  }
  return rendered;
}

/**
 * Each of the CLI's other start-up measures against doing without it, in a
 * fresh process each: precompiled templates (vs compiling them at run time),
 * the prompt library loaded only when the wizard asks (vs always), the spec's
 * JSON Schema computed at build (vs on every init).
 */
export async function benchStartupMeasures() {
  console.log(`\n## What each start-up measure saves (fresh process, median of ${Math.min(RUNS, 10)})\n`);
  const median = (values) => quantile(values, 0.5);
  const measure = (code) => {
    const values = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) {
      const result = spawnSync(process.execPath, ['-e', `const t = process.hrtime.bigint(); ${code}; process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6))`], { cwd: ROOT, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      values.push(Number(result.stdout));
    }
    return median(values);
  };
  const templates = "const H = require('handlebars').create(); const fs = require('fs'); const root = 'src/components'; for (const f of fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'))) H.precompile(fs.readFileSync(root + '/' + f, 'utf8'), { noEscape: true, strict: true })";
  const row = (name, without, withIt) => console.log(`  ${name.padEnd(52)} ${fmtMs(without).padStart(9)} -> ${fmtMs(withIt).padStart(9)}   saves ${fmtMs(without - withIt)}`);
  row('templates: compiled at run time -> precompiled', measure(templates), measure("require('handlebars/runtime')"));
  row('prompt library: always loaded -> only for the wizard', measure("require('@inquirer/prompts')"), 0);
  const { build } = await import('esbuild');
  const bundle = async (name, contents) => {
    const outfile = join(tmp, `${name}.cjs`);
    await build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
    return `require(${JSON.stringify(outfile)})`;
  };
  const loadOnly = await bundle('schema-load', "require('./src/render/specDocument.ts')");
  const compute = await bundle('schema-compute', "require('./src/render/specDocument.ts').computeSpecJsonSchema()");
  row('JSON Schema: computed on every init -> at build', measure(compute) - measure(loadOnly), 0);
}

export function peakRss() {
  console.log('\n## Peak memory (maximum resident set size)\n');
  const time = ['/usr/bin/time'].find((path) => existsSync(path));
  const measure = (args, label) => {
    if (time) {
      const result = spawnSync(time, ['-v', process.execPath, ...args], { encoding: 'utf8' });
      const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
      if (result.status === 0 && match) return Number(match[1]);
      console.log(`  /usr/bin/time -v gave no RSS for ${label} (exit ${result.status}); using resourceUsage()`);
    }
    // Fallback: run the CLI's main() inside a child that reports its own maxRSS (kilobytes).
    const cli = join(APP, 'dist/cli.cjs');
    const code =
      args[0] === '-e'
        ? `process.stderr.write('MAXRSS=' + process.resourceUsage().maxRSS + '\\n')`
        : `require(${JSON.stringify(cli)}).main(${JSON.stringify(args.slice(1))}).then(() => process.stderr.write('MAXRSS=' + process.resourceUsage().maxRSS + '\\n'))`;
    const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    const match = /MAXRSS=(\d+)/.exec(result.stderr);
    if (!match) throw new Error(`no maxRSS for ${label}: ${result.stderr}`);
    return Number(match[1]);
  };
  const how = time ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS';
  const bare = measure(['-e', '0'], 'node -e 0');
  const init = measure([BIN, 'init', '--preset', 'local', '--out', join(tmp, 'rss')], 'init');
  console.log(`  node -e 0                          ${(bare / 1024).toFixed(1).padStart(6)} MiB   (${how})`);
  console.log(`  prefect-secure init --preset local ${(init / 1024).toFixed(1).padStart(6)} MiB   (+${((init - bare) / 1024).toFixed(1)} MiB over bare node)`);
}
