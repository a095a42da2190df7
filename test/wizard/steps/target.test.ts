import { describe, expect, it } from 'vitest';
import { NOT_YET_AVAILABLE, questions as q } from '../../../src/wizard/messages.js';
import { target } from '../../../src/wizard/steps/target.js';
import { DEFAULT } from '../helpers/mockPrompt.js';
import { picksReachable } from '../helpers/realSelect.js';
import { runStep } from '../helpers/script.js';

describe('target step', () => {
  it('asks where the stack runs, after its help line, and defaults to local', async () => {
    const { ctx, prompt, log } = await runStep(target, {}, [[q.target, DEFAULT]]);
    expect(ctx.draft.target).toBe('local');
    expect(prompt.asked[0]).toMatchObject({ kind: 'select', message: 'Where will the stack run?', default: 'local' });
    expect(log).toEqual(['  Where the stack runs.', '? Where will the stack run?']);
  });

  it('lists Kubernetes as disabled "not yet available", not hidden', async () => {
    const { prompt } = await runStep(target, {}, [[q.target, DEFAULT]]);
    expect(prompt.asked[0]!.choices).toEqual([
      { name: 'This computer (Docker, *.localtest.me)', value: 'local' },
      { name: 'A server or VM with a domain (https)', value: 'server' },
      { name: 'Kubernetes', value: 'kubernetes', disabled: NOT_YET_AVAILABLE },
    ]);
  });

  it('offers choices the real select cannot land on while they are not available', async () => {
    const { prompt } = await runStep(target, {}, [[q.target, DEFAULT]]);
    const choices = prompt.asked[0]!.choices as { name: string; value: string; disabled?: string }[];
    const enabled = choices.filter((c) => !c.disabled).map((c) => c.value);
    expect(new Set(await picksReachable(choices))).toEqual(new Set(enabled));
  });

  it('asks nothing when the draft already has a target (--target)', async () => {
    const { ctx, prompt, log } = await runStep(target, { target: 'local' }, []);
    expect(prompt.asked).toEqual([]);
    expect(log).toEqual([]);
    expect(ctx.draft).toEqual({ target: 'local' });
  });
});
