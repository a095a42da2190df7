/**
 * A stack folder is untrusted input: a planted journal or manifest, links to
 * files outside, a linked folder, a hostile umask, a chosen password's
 * variable named like a secret of the stack. None may make prefect-secure
 * write or print outside the folder; each stops with an error naming the file.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/commands/doctor.js';
import { runInit } from '../../src/commands/init.js';
import { UserError } from '../../src/errors.js';
import { lockStack } from '../../src/write/lock.js';
import { memoryIo } from '../helpers/io.js';

const rerender = { config: 'stack/prefect-secure.yaml', out: 'stack' };
const SECRET = 'TOKEN=do-not-print-me-7f3a';

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

async function refusal(run: Promise<unknown>): Promise<UserError> {
  const error = await run.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('a stack folder is untrusted', () => {
  let work: string;
  let stack: string;
  let outside: string;

  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'prefect-secure-untrusted-'));
    expect(await runInit({ preset: 'local', out: 'stack' }, memoryIo(work).io)).toBe(0);
    stack = join(work, 'stack');
    outside = join(work, 'victim');
    writeFileSync(outside, SECRET);
  });

  it('a planted journal naming a path outside the stack stops the run; nothing outside changes', async () => {
    const txn = join(stack, '.prefect-secure', 'txn');
    fs.mkdirSync(txn, { recursive: true });
    writeFileSync(join(txn, 'journal.json'), JSON.stringify({ paths: ['../victim'] }));
    writeFileSync(join(txn, 'victim'), 'overwritten');
    const error = await refusal(runInit(rerender, memoryIo(work).io));
    expect(error.problems[0]).toMatchObject({ path: '.prefect-secure/txn/journal.json' });
    expect(error.problems[0]!.message).toContain('not a path inside the stack');
    expect(readFileSync(outside, 'utf8')).toBe(SECRET);
  });

  it('a journal path through a link in the transaction folder stops the run', async () => {
    const txn = join(stack, '.prefect-secure', 'txn');
    fs.mkdirSync(join(txn, 'old'), { recursive: true });
    fs.mkdirSync(join(work, 'elsewhere'));
    symlinkSync(join(work, 'elsewhere'), join(txn, 'old', 'proxy'));
    writeFileSync(join(txn, 'journal.json'), JSON.stringify({ paths: ['proxy/nginx.conf'] }));
    const error = await refusal(runInit(rerender, memoryIo(work).io));
    expect(error.problems[0]!.message).toContain('symbolic link');
  });

  it('a planted manifest naming a file outside the stack is refused, so render never removes it', async () => {
    const manifest = join(stack, '.prefect-secure', 'manifest.json');
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { files: Record<string, unknown> };
    parsed.files['../victim'] = { sha256: 'x' };
    writeFileSync(manifest, JSON.stringify(parsed));
    const error = await refusal(runInit(rerender, memoryIo(work).io));
    expect(error.problems[0]).toMatchObject({ path: '.prefect-secure/manifest.json' });
    expect(readFileSync(outside, 'utf8')).toBe(SECRET);
  });

  it('init --check on a stack file linked outside refuses, naming the link, and prints none of what it points to', async () => {
    fs.rmSync(join(stack, 'docker-compose.yml'));
    symlinkSync(outside, join(stack, 'docker-compose.yml'));
    const io = memoryIo(work);
    const error = await refusal(runInit({ ...rerender, check: true }, io.io));
    expect(error.problems[0]!.path).toMatch(/docker-compose\.yml$/);
    expect(error.problems[0]!.message).toContain('symbolic link');
    expect(io.stdout() + io.stderr() + JSON.stringify(error)).not.toContain('do-not-print-me');
  });

  it('doctor reads no file through a link that leaves the folder, and quotes none of it', async () => {
    fs.rmSync(join(stack, '.env'));
    writeFileSync(outside, `${SECRET}\nOAUTH2_PROXY_COOKIE_SECRET=do-not-print-me-too\n`);
    symlinkSync(outside, join(stack, '.env'));
    const io = memoryIo(work);
    await runDoctor('stack', { json: true }, io.io);
    expect(io.stdout() + io.stderr()).not.toContain('do-not-print-me');
  });

  it('render does not write through a linked folder inside the stack', async () => {
    const real = join(work, 'proxy-elsewhere');
    fs.renameSync(join(stack, 'proxy'), real);
    symlinkSync(real, join(stack, 'proxy'));
    const before = readFileSync(join(real, 'nginx.conf'), 'utf8');
    const spec = join(stack, 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const error = await refusal(runInit(rerender, memoryIo(work).io));
    expect(error.problems[0]!.path).toMatch(/proxy$/);
    expect(readFileSync(join(real, 'nginx.conf'), 'utf8')).toBe(before);
  });
});

describe('folder modes are set, not inherited from the umask', () => {
  let previous: number;
  beforeEach(() => {
    previous = process.umask();
  });
  afterEach(() => {
    process.umask(previous);
  });

  it.each([0o000, 0o077])('umask %o: prefect-secure\'s own folder is private, the folders containers read are 0755', async (umask) => {
    process.umask(umask);
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-umask-'));
    expect(await runInit({ preset: 'local', out: 'stack' }, memoryIo(work).io)).toBe(0);
    const stack = join(work, 'stack');
    expect(mode(join(stack, '.prefect-secure'))).toBe('700');
    for (const folder of ['.', 'proxy', 'keycloak', 'oauth2-proxy', 'prefect']) expect([folder, mode(join(stack, folder))]).toEqual([folder, '755']);
    expect(mode(join(stack, 'proxy', 'nginx.conf'))).toBe('644');
    // A re-render that swaps files keeps its transaction folder private too.
    const spec = join(stack, 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const seen: string[] = [];
    const spy = { ...fs, renameSync: (from: string, to: string) => (seen.push(mode(join(stack, '.prefect-secure', 'txn'))), fs.renameSync(from, to)) };
    expect(await runInit(rerender, memoryIo(work).io, { fs: spy })).toBe(0);
    expect(new Set(seen)).toEqual(new Set(['700']));
    expect(mode(join(stack, '.prefect-secure'))).toBe('700');
  });
});

describe('a chosen password takes no secret of the stack', () => {
  it.each([
    ['KEYCLOAK_ADMIN_PASSWORD', 'a secret the stack itself keeps'],
    ['PREFECT_MACHINE_CI_PASSWORD', 'a secret the stack itself keeps'],
  ])('env:%s is refused, naming it', async (variable, said) => {
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-envname-'));
    writeFileSync(join(work, 'spec.yaml'), `version: 1\nmachineAccess:\n  users: [ci, {name: ops, password: env:${variable}}]\n`);
    const env = { ...process.env, [variable]: 'a-password-of-twenty-chars' };
    const error = await refusal(runInit({ config: 'spec.yaml', out: 'stack' }, memoryIo(work, { env }).io));
    expect(error.problems[0]!.message).toContain(`env:${variable}`);
    expect(error.problems[0]!.message).toContain(said);
    expect(fs.existsSync(join(work, 'stack'))).toBe(false);
  });

  it('one variable for two users is refused', async () => {
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-envname-'));
    writeFileSync(join(work, 'spec.yaml'), 'version: 1\nmachineAccess:\n  users: [{name: ci, password: env:SHARED_PW}, {name: ops, password: env:SHARED_PW}]\n');
    const env = { ...process.env, SHARED_PW: 'a-password-of-twenty-chars' };
    const error = await refusal(runInit({ config: 'spec.yaml', out: 'stack' }, memoryIo(work, { env }).io));
    expect(error.problems[0]!.message).toContain('another machine user');
  });
});

describe('the stack lock', () => {
  it('appears with its pid in it, and a lock judged stale is taken over only if it still is that lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-lock-'));
    const release = lockStack(dir, 'stack');
    const lock = join(dir, '.prefect-secure', 'lock');
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect(fs.readdirSync(join(dir, '.prefect-secure'))).toEqual(['lock']);
    expect(() => lockStack(dir, 'stack')).toThrow(/another prefect-secure run \(pid \d+\)/);
    release();
    writeFileSync(lock, ''); // what a run killed by an older version leaves
    writeFileSync(`${lock}.999999999.0badf00d`, '999999999'); // a run killed before it linked its pid file
    lockStack(dir, 'stack')();
    expect(fs.readdirSync(join(dir, '.prefect-secure'))).toEqual([]);
  });
});
