import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abandonedScratch } from './scratch.js';

describe('the test run’s temporary folder', () => {
  it('is where tests and the programs they start put temporary files, owned by the live run', () => {
    const root = tmpdir();
    expect(basename(root)).toMatch(/^pst-/);
    const pid = Number(readFileSync(join(root, '.owner-pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).not.toThrow();
    const made = mkdtempSync(join(tmpdir(), 'prefect-secure-x-'));
    expect(dirname(made)).toBe(root);
    // A program started by a test (Python here, as the real stack's Prefect is) gets the same folder.
    const python = execFileSync('python3', ['-c', 'import tempfile; print(tempfile.gettempdir())'], { encoding: 'utf8' }).trim();
    expect(python).toBe(root);
  });

  it('finds the folders of runs that are gone, and only those', () => {
    const base = mkdtempSync(join(tmpdir(), 'base-'));
    const dead = execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).trim(); // a process that has exited
    const folder = (name: string, owner?: string) => {
      mkdirSync(join(base, name));
      if (owner !== undefined) writeFileSync(join(base, name, '.owner-pid'), owner);
    };
    folder('pst-gone', dead);
    folder('pst-live', String(process.pid));
    folder('pst-unowned');
    folder('pst-garbled', 'not a pid');
    folder('other-gone', dead);
    expect(abandonedScratch(base)).toEqual([join(base, 'pst-gone')]);
  });
});
