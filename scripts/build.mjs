// Bundles the CLI into dist/ so that `npx prefect-secure` installs no runtime
// dependencies. Code splitting keeps the wizard's prompt library in its own
// chunk: non-interactive runs never load it.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  sourcemap: false,
  logLevel: 'warning',
  define: { __PREFECT_SECURE_VERSION__: JSON.stringify(version) },
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
