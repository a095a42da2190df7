#!/usr/bin/env node
/**
 * Starts the bundled CLI (dist/cli.cjs). Where Node keeps compiled code
 * itself (module.enableCompileCache, Node 22.1 and later), a second run does
 * not compile the bundle again: the cache goes to a folder of the user's own,
 * ${XDG_CACHE_HOME:-~/.cache}/prefect-secure/compile-cache, never to Node's
 * default in the shared temporary folder, and only when that folder is a real
 * directory of the user's that no one else may write (a cache is code the
 * process will run). Anywhere else, and with PREFECT_SECURE_COMPILE_CACHE=0,
 * the bundle is simply loaded. `npm run bench` measures both.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

function privateCacheDir() {
  const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'prefect-secure', 'compile-cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  // A link, another owner, or a folder the group or others may write: no cache.
  return stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o022) === 0 ? dir : undefined;
}

if (typeof module.enableCompileCache === 'function' && typeof process.getuid === 'function' && process.env.PREFECT_SECURE_COMPILE_CACHE !== '0') {
  try {
    const dir = privateCacheDir();
    if (dir) module.enableCompileCache(dir);
  } catch {
    // Without a cache the CLI only starts slower.
  }
}

const { main } = createRequire(import.meta.url)('../dist/cli.cjs');
process.exitCode = await main(process.argv.slice(2));
// The command is done. A name lookup init stopped waiting for (a slow resolver)
// must not hold the process open: it ends shortly after, output written.
setTimeout(() => process.exit(), 200).unref();
