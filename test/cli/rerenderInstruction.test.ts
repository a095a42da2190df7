/**
 * Every stack file that says how to re-render says the same command, and it
 * works as printed, from the stack's folder: it re-renders that stack in
 * place (no second stack beside it) and changes nothing when the spec did not.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

it('the re-render command NEXT_STEPS.md, docker-compose.yml and the spec print works as printed, in the stack folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-rerender-'));
  const stack = join(dir, 'stack');
  expect((await runCli(['init', '--preset', 'local', '--out', stack])).code).toBe(0);
  const said = ['NEXT_STEPS.md', 'docker-compose.yml', 'prefect-secure.yaml'].map((file) => /npx prefect-secure (render)\b/.exec(readFileSync(join(stack, file), 'utf8'))?.[1]);
  expect(said).toEqual(['render', 'render', 'render']);
  const before = readdirSync(stack).sort();
  const check = await runCli(['render', '--check'], { cwd: stack });
  expect(check.code, check.stdout + check.stderr).toBe(0);
  const run = await runCli(['render'], { cwd: stack });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(readdirSync(stack).sort()).toEqual(before);
  expect(existsSync(join(stack, 'prefect-stack'))).toBe(false);
});
