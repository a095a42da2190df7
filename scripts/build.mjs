// Bundles the CLI into one CommonJS file, dist/cli.cjs, so that
// `npx prefect-secure` installs no runtime dependencies. One script file is
// what lets bin/prefect-secure.js keep V8's compiled code between runs (see
// there). Code reached only through import() (the wizard's prompt library,
// the doctor, the diff library) is bundled lazily: it is evaluated only when
// a command needs it. Templates are precompiled here: the shipped CLI carries
// them as functions and loads only the small handlebars runtime, never the
// template compiler (start-up time is measured by `npm run bench`).
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runs a source module at build time and returns its exports. */
async function buildTimeImport(entry) {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-build-'));
  try {
    const outfile = join(dir, 'module.mjs');
    await build({ entryPoints: [join(root, entry)], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error' });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same compile options the source uses (src/render/compileOptions.ts). */
const compileOptions = async () => (await buildTimeImport('src/render/compileOptions.ts')).COMPILE_OPTIONS;
/** The spec's JSON Schema is static: computed once here instead of on every run. */
const specJsonSchema = (await buildTimeImport('src/render/specDocument.ts')).computeSpecJsonSchema();

// Every template of every component, found and named by the source's own loader (src/render/templateSource.ts).
const { templateFiles } = await buildTimeImport('src/render/templateSource.ts');
function precompiledModule(options) {
  const entries = templateFiles(join(root, 'src', 'components'))
    .map(([name, path]) => `${JSON.stringify(name)}: engine.template(${Handlebars.precompile(readFileSync(path, 'utf8'), options)})`)
    .join(',\n');
  return `import Runtime from 'handlebars/runtime.js';
const engine = Runtime.create();
const templates = {${entries}};
export function loadTemplateSet() {
  return { engine, templates, partials: templates };
}
`;
}

const precompiled = precompiledModule(await compileOptions());
const templatesPlugin = {
  name: 'precompiled-templates',
  setup(b) {
    b.onResolve({ filter: /\/templateSource\.js$/ }, () => ({ path: 'precompiled-templates', namespace: 'prefect-secure' }));
    b.onLoad({ filter: /.*/, namespace: 'prefect-secure' }, () => ({ contents: precompiled, resolveDir: root, loader: 'js' }));
  },
};

// Build beside dist/ and swap it in, so a CLI started meanwhile never sees half a build.
const staging = mkdtempSync(join(root, '.dist-'));
await build({
  entryPoints: { cli: join(root, 'src/cli.ts') },
  outdir: staging,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: process.env.PREFECT_SECURE_NO_MINIFY !== "1",
  legalComments: 'linked',
  logLevel: 'warning',
  define: { __PREFECT_SECURE_VERSION__: JSON.stringify(version), 'globalThis.__SPEC_JSON_SCHEMA__': JSON.stringify(specJsonSchema) },
  plugins: [templatesPlugin],
});
chmodSync(staging, 0o755); // mkdtemp made it private
const old = `${staging}-old`;
if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), old);
renameSync(staging, join(root, 'dist'));
rmSync(old, { recursive: true, force: true });
