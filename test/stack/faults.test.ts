/**
 * File-system faults with the built CLI, as they happen to people: a full
 * disk (a real tmpfs), kill -9 at random moments of a re-render, and two
 * runs at once. After each, the stack is either as it was or as the spec
 * says — `render --check` proves which — and nothing is half-written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { snapshot } from '../helpers/snapshot.js';


function setPort(stack: string, port: number): void {
  const spec = join(stack, 'prefect-secure.yaml');
  writeFileSync(spec, readFileSync(spec, 'utf8').replace(/port: \d+/, `port: ${port}`));
}

const canMount = process.getuid?.() === 0;

describe.skipIf(!canMount)('a full disk (a 48 KB tmpfs)', () => {
  const mounts: string[] = [];
  const tiny = (size: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of mounts) execFileSync('umount', [dir]);
  });

  it('init says the disk is full, exits 2 and leaves nothing behind', async () => {
    const dir = tiny('48k');
    const run = await runCli(['init', '--preset', 'local', '--out', 'stack'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the disk is full (ENOSPC)');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a re-render on a full disk leaves the stack exactly as it was', async () => {
    const dir = tiny('1m');
    expect((await runCli(['init', '--preset', 'local', '--out', 'stack'], { cwd: dir })).code).toBe(0);
    const stack = join(dir, 'stack');
    setPort(stack, 9191);
    const before = snapshot(stack);
    // Fill what is left.
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
    } catch {
      // dd stops at ENOSPC
    }
    const run = await runCli(['render', 'stack'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the disk is full');
    expect(snapshot(stack)).toEqual(before);
  });
});

describe('kill -9 and concurrent runs', () => {
  it('a re-render killed at random moments: the next run recovers, and the stack then matches the spec', async () => {
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-kill-'));
    expect((await runCli(['init', '--preset', 'local', '--out', 'stack'], { cwd: work })).code).toBe(0);
    const stack = join(work, 'stack');
    for (let i = 0; i < 8; i++) {
      setPort(stack, 9000 + i);
      const child = execa(process.execPath, [BIN, 'render', 'stack'], { cwd: work, reject: false, env: { NO_COLOR: '1' } });
      // Anywhere from before the spec is read to after the swap.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 400)));
      child.kill('SIGKILL');
      await child;
      const next = await runCli(['render', 'stack'], { cwd: work });
      expect(next.code, next.stderr).toBe(0);
      const check = await runCli(['render', 'stack', '--check'], { cwd: work });
      expect(check.code, check.stdout).toBe(0);
      expect(readFileSync(join(stack, 'docker-compose.yml'), 'utf8')).toContain(`published: ${9000 + i}`);
      expect(readdirSync(join(stack, '.prefect-secure'))).toEqual(['manifest.json']);
    }
  }, 120_000);

  it('two runs at once: each finishes or names the other; the stack then matches the spec', async () => {
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-concurrent-'));
    expect((await runCli(['init', '--preset', 'local', '--out', 'stack'], { cwd: work })).code).toBe(0);
    const stack = join(work, 'stack');
    for (let i = 0; i < 4; i++) {
      setPort(stack, 9500 + i);
      const runs = await Promise.all([runCli(['render', 'stack'], { cwd: work }), runCli(['render', 'stack'], { cwd: work })]);
      for (const run of runs) {
        if (run.code !== 0) expect(run.stderr).toMatch(/another prefect-secure run \(pid \d+\) is working on this stack/);
      }
      expect(runs.some((run) => run.code === 0)).toBe(true);
      expect((await runCli(['render', 'stack', '--check'], { cwd: work })).code).toBe(0);
    }
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work);
  }, 60_000);
});
