import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { projectName } from '../../../src/wizard/steps/projectName.js';
import { DEFAULT, probe } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

const IDENTIFIER_MESSAGE =
  "must start with a lowercase letter and hold only lowercase letters, digits, '-' and '_' (at most 63), e.g. prefect";

describe('project name step', () => {
  it('defaults to the schema default, prefect', async () => {
    const { ctx, prompt, log } = await runStep(projectName, {}, [[q.name, DEFAULT]]);
    expect(ctx.draft.name).toBe('prefect');
    expect(prompt.asked[0]).toMatchObject({ kind: 'input', message: 'Project name', default: 'prefect' });
    expect(log).toEqual(['  Compose project name (lowercase letters, digits, - and _).', '? Project name']);
  });

  it('takes a custom name, trimmed', async () => {
    const { ctx } = await runStep(projectName, {}, [[q.name, '  data-team ']]);
    expect(ctx.draft.name).toBe('data-team');
  });

  it("shows the schema's message for a capitalised name, inline", async () => {
    const verdicts = new Map<unknown, true | string>();
    await runStep(projectName, {}, [[q.name, probe(['Prefect', '1prefect', 'ok-name'], verdicts)]]);
    expect(verdicts.get('Prefect')).toBe(IDENTIFIER_MESSAGE);
    expect(verdicts.get('1prefect')).toBe(IDENTIFIER_MESSAGE);
    expect(verdicts.get('ok-name')).toBe(true);
  });

  it('is skipped when the draft has a name (--name)', async () => {
    const { prompt } = await runStep(projectName, { name: 'given' }, []);
    expect(prompt.asked).toEqual([]);
  });
});
