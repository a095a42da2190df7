#!/usr/bin/env node
/**
 * Starts the bundled CLI (dist/cli.cjs) and keeps V8's compiled code between
 * runs, so a second `npx prefect-secure` does not compile the bundle again.
 * Node 20 has no compile cache of its own, so this does it for our one script;
 * Node's own (module.enableCompileCache) is deliberately not turned on, as it
 * writes to the shared os.tmpdir().
 *
 * The cache is code the process will run, so:
 * - It is keyed by a SHA-256 of the bundle, the Node version and the arch. V8
 *   checks only the source's length, so a file for other code must never be
 *   found under this name.
 * - It lives in ${XDG_CACHE_HOME:-~/.cache}/prefect-secure. If that exists and
 *   is not a real directory of the user's own that no one else may write (a
 *   link, another owner, group/world-writable), the cache is not used at all:
 *   nothing is read, written or chmod-ed there. When it does not exist it is
 *   created with mode 0700.
 * - The file is opened with O_NOFOLLOW and checked on the open descriptor
 *   (regular, the user's own, writable by no one else) before it is read.
 * - It is written to a fresh private file (O_EXCL, 0600), then renamed into
 *   place, after the command ran and only when no cache was accepted.
 * Any failure of the cache only costs speed. PREFECT_SECURE_CODE_CACHE=0 turns
 * it off.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const source = readFileSync(file, 'utf8');

/** Mode bits that let the group or others write. */
const WRITABLE_BY_OTHERS = 0o022;

/** Where the cache of this exact bundle lives, or undefined when caching is off. */
function cacheLocation() {
  if (process.env.PREFECT_SECURE_CODE_CACHE === '0') return undefined;
  if (typeof process.getuid !== 'function' || typeof constants.O_NOFOLLOW !== 'number') return undefined;
  try {
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'prefect-secure');
    const hash = createHash('sha256').update(source).digest('hex');
    return { dir, path: join(dir, `cli-${hash}-${process.version}-${process.arch}.v8cache`) };
  } catch {
    return undefined;
  }
}

/** 'private' (a real directory of the user's own, writable by no one else), 'missing', or 'unsafe'. */
function folderState(dir) {
  try {
    const stat = lstatSync(dir);
    const mine = stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & WRITABLE_BY_OTHERS) === 0;
    return mine ? 'private' : 'unsafe';
  } catch (error) {
    return error?.code === 'ENOENT' ? 'missing' : 'unsafe';
  }
}

/** The cache file's bytes, read through a descriptor that was checked, or undefined. */
function readCache(path) {
  let fd;
  try {
    // O_NOFOLLOW: a link is refused, not followed; O_NONBLOCK: a FIFO cannot hang the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.uid !== process.getuid() || (stat.mode & WRITABLE_BY_OTHERS) !== 0 || stat.size === 0) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing to do.
      }
    }
  }
}

function writeCache({ dir, path }, data) {
  if (folderState(dir) === 'missing') mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Checked again: whatever is there now (made by us or not) must be private.
  if (folderState(dir) !== 'private') return;
  const temporary = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    try {
      for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone.
    }
    throw error;
  }
}

let cache = cacheLocation();
if (cache && folderState(cache.dir) === 'unsafe') cache = undefined;
const cachedData = cache ? readCache(cache.path) : undefined;

const script = new vm.Script(module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
const cjs = { exports: {} };
script.runInThisContext().call(cjs.exports, cjs.exports, createRequire(file), cjs, file, dirname(file));

process.exitCode = await cjs.exports.main(process.argv.slice(2));

// After the run, so the cache holds the functions this command compiled too.
if (cache && (!cachedData || script.cachedDataRejected)) {
  try {
    writeCache(cache, script.createCachedData());
  } catch {
    // A cache that cannot be written only costs speed.
  }
}
