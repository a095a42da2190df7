#!/usr/bin/env node
/**
 * Starts the bundled CLI (dist/cli.cjs) and keeps V8's compiled code between
 * runs, so a second `npx prefect-secure` does not compile the bundle again.
 * Node 22.1+ has this built in (module.enableCompileCache); Node 20 does not,
 * so this does the same for our one script.
 *
 * The cache is code the process will run: it lives only in a folder of the
 * user's own (~/.cache/prefect-secure, mode 0700), and a folder or file that is
 * not owned by the user, is a link, or is writable by others is never read.
 * V8 rejects a cache made for another source or V8 build; it is then rebuilt.
 * PREFECT_SECURE_CODE_CACHE=0 turns it off.
 */
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

module.enableCompileCache?.();

const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const source = readFileSync(file, 'utf8');

function ownedPrivately(path, isDir) {
  try {
    const stat = lstatSync(path);
    if (isDir ? !stat.isDirectory() : !stat.isFile()) return false;
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function cacheFile() {
  if (process.env.PREFECT_SECURE_CODE_CACHE === '0' || typeof process.getuid !== 'function') return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const key = `cli-${source.length}-${process.version}-${process.arch}.v8cache`;
  return join(base, 'prefect-secure', key);
}

const cachePath = cacheFile();
let cachedData;
if (cachePath && ownedPrivately(dirname(cachePath), true) && ownedPrivately(cachePath, false)) {
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
}

const script = new vm.Script(module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
const cjs = { exports: {} };
script.runInThisContext().call(cjs.exports, cjs.exports, createRequire(file), cjs, file, dirname(file));

process.exitCode = await cjs.exports.main(process.argv.slice(2));

// After the run, so the cache holds the functions this command compiled too.
if (cachePath && (!cachedData || script.cachedDataRejected)) {
  try {
    const dir = dirname(cachePath);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    if (ownedPrivately(dir, true)) {
      const temporary = `${cachePath}.${process.pid}`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, cachePath);
    }
  } catch {
    // A cache that cannot be written only costs speed.
  }
}
