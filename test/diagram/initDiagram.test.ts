/** The default stack's diagram where people meet it: `init --json`, NEXT_STEPS.md, and the README. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PRESETS } from '../../src/config/presets.js';
import { stackDiagram } from '../../src/diagram/index.js';
import { runCli } from '../helpers/cli.js';
import { renderLocal } from '../helpers/stack.js';

const README = join(import.meta.dirname, '..', '..', 'README.md');

it('init --json carries the diagram NEXT_STEPS.md shows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-init-diagram-'));
  const result = await runCli(['init', '--preset', 'local', '--out', 'stack', '--json'], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  const { diagram } = JSON.parse(result.stdout) as { diagram: string };
  expect(diagram.startsWith('flowchart LR\n')).toBe(true);
  expect(readFileSync(join(dir, 'stack', 'NEXT_STEPS.md'), 'utf8')).toContain(`\`\`\`mermaid\n${diagram}\`\`\`\n`);
});

it("the README shows the default stack's diagram as the generator draws it today", () => {
  const diagram = stackDiagram(renderLocal(PRESETS.local).plan);
  expect(readFileSync(README, 'utf8')).toContain(`\`\`\`mermaid\n${diagram}\`\`\`\n`);
});
