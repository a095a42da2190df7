/**
 * Hostile specs and --set values: each is refused with exit 2 naming what is
 * wrong, fast, with nothing written and nothing outside the run changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { SPEC_LIMITS } from '../../src/config/load.js';
import { fromFsError } from '../../src/errors.js';
import { memoryIo } from '../helpers/io.js';

async function init(args: string[], files: Record<string, string> = {}) {
  const work = mkdtempSync(join(tmpdir(), 'prefect-secure-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
  const io = memoryIo(work);
  const code = await main(['init', '--out', 'stack', ...args], io.io);
  return { code, stderr: io.stderr(), written: existsSync(join(work, 'stack')), work };
}

const ALIAS_BOMB = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

describe('hostile input is refused, not crashed on', () => {
  it('--set __proto__.x=1 is refused and pollutes nothing', async () => {
    const run = await init(['--yes', '--set', '__proto__.polluted=1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"__proto__", which is not a spec key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(run.written).toBe(false);
  });

  it('--set constructor.prototype.x=1 is refused', async () => {
    const run = await init(['--yes', '--set', 'constructor.prototype.polluted=1']);
    expect(run.code).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a --set path 2,000 levels deep is refused, its text shortened', async () => {
    const run = await init(['--yes', '--set', `${Array(2000).fill('a').join('.')}=1`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has 2000 parts; spec paths have at most 8');
    expect(run.stderr.length).toBeLessThan(1000);
  });

  it('--set hosts=garbage with --yes is refused instead of falling back to the defaults', async () => {
    const run = await init(['--yes', '--set', 'hosts=garbage']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('hosts: is "garbage", not a section');
    expect(run.written).toBe(false);
  });

  it('a YAML alias bomb is refused, naming the file', async () => {
    const run = await init(['--config', 'bomb.yaml'], { 'bomb.yaml': ALIAS_BOMB });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bomb.yaml: expands its YAML aliases');
  });

  it('a spec over the size bound is refused before it is parsed', async () => {
    const big = `version: 1\n${Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(SPEC_LIMITS.bytes);
    const run = await init(['--config', 'big.yaml'], { 'big.yaml': big });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('big.yaml: is larger than 256 KB');
  });

  it('a spec nested past the depth bound, or with too many keys, is refused', async () => {
    const deep = `version: 1\nx: ${'['.repeat(40)}${']'.repeat(40)}\n`;
    expect((await init(['--config', 'deep.yaml'], { 'deep.yaml': deep })).stderr).toContain(`nests deeper than ${SPEC_LIMITS.depth} levels`);
    const wide = `version: 1\nx: [${Array(3000).fill('1').join(',')}]\n`;
    expect((await init(['--config', 'wide.yaml'], { 'wide.yaml': wide })).stderr).toContain(`has more than ${SPEC_LIMITS.keys} keys`);
  });

  it('a YAML tag the spec does not know is refused at its line, not read as plain text', async () => {
    const run = await init(['--config', 'tags.yaml'], { 'tags.yaml': 'version: 1\nname: !custom prefect\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('tags.yaml:2');
    expect(run.stderr).toContain('has YAML the spec does not take');
    expect(run.written).toBe(false);
  });

  it('a FIFO as the spec is refused instead of blocking on it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-fifo-'));
    execFileSync('mkfifo', [join(work, 'spec.yaml')]);
    const io = memoryIo(work);
    expect(await main(['init', '--config', 'spec.yaml', '--out', 'stack'], io.io)).toBe(2);
    expect(io.stderr()).toContain('is not a regular file');
  });

  it('a full disk is a problem to act on, even when the failed write names no path', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    const error = fromFsError(full);
    expect(error?.problems[0]).toMatchObject({ path: 'a file being written', message: expect.stringContaining('the disk is full') });
    // Other errors without a path stay internal: they would be bugs.
    expect(fromFsError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeUndefined();
  });
});

describe('what init prints survives hostile names', () => {
  it('an unknown key with escape sequences is shown escaped, never sent to the terminal raw', async () => {
    const run = await init(['--config', 'spec.yaml'], { 'spec.yaml': 'version: 1\n"\u001b[2J\u001b]0;owned\u0007key\u202e": 1\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(run.stderr).toContain('\\u001b[2J');
  });

  it('a folder name with shell syntax is quoted in the printed commands, and the printed cd works', async () => {
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-quote-'));
    const io = memoryIo(work);
    expect(await main(['init', '--preset', 'local', '--out', "my stack; touch PWNED 'x'"], io.io)).toBe(0);
    const cd = io.stdout().split('\n').find((line) => line.trim().startsWith('cd '))!.trim();
    expect(cd).toBe(`cd 'my stack; touch PWNED '"'"'x'"'"'' && docker compose up -d`);
    const pwd = execFileSync('/bin/sh', ['-c', `${cd.split(' && ')[0]} && pwd`], { cwd: work, encoding: 'utf8' }).trim();
    expect(pwd).toBe(join(work, "my stack; touch PWNED 'x'"));
    expect(existsSync(join(work, 'PWNED'))).toBe(false);
  });

  it('a refused value is quoted once in the message', async () => {
    const run = await init(['--preset', 'local', '--set', 'hosts.ui=prefect.localhost']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(hosts.ui): "prefect.localhost" does not resolve');
    expect(run.stderr).not.toContain('"prefect.localhost" "prefect.localhost"');
  });

  it('hosts.bind 0.0.0.0 on the local target renders with a warning that says what it exposes', async () => {
    const run = await init(['--preset', 'local', '--set', 'hosts.bind=0.0.0.0']);
    expect(run.code).toBe(0);
    const io = memoryIo(run.work);
    expect(await main(['init', '--preset', 'local', '--set', 'hosts.bind=0.0.0.0', '--out', 'other'], io.io)).toBe(0);
    expect(io.stdout()).toContain('hosts.bind is 0.0.0.0: the local stack');
  });
});
