import { describe, expect, it } from 'vitest';
import { NOT_YET_AVAILABLE, questions as q } from '../../../src/wizard/messages.js';
import { proxy } from '../../../src/wizard/steps/proxy.js';
import { DEFAULT } from '../helpers/mockPrompt.js';
import { picksReachable } from '../helpers/realSelect.js';
import { runStep } from '../helpers/script.js';

describe('proxy step', () => {
  it('defaults to nginx and lists Traefik and Caddy as not yet available', async () => {
    const { ctx, prompt, log } = await runStep(proxy, {}, [[q.proxy, DEFAULT]]);
    expect(ctx.draft.proxy).toEqual({ type: 'nginx' });
    expect(prompt.asked[0]).toMatchObject({ kind: 'select', message: 'Reverse proxy', default: 'nginx' });
    expect(prompt.asked[0]!.choices).toEqual([
      { name: 'nginx', value: 'nginx' },
      { name: 'Traefik', value: 'traefik', disabled: NOT_YET_AVAILABLE },
      { name: 'Caddy', value: 'caddy', disabled: NOT_YET_AVAILABLE },
    ]);
    expect(log).toEqual(['  Reverse proxy in front of everything.', '? Reverse proxy']);
  });

  it('offers choices the real select cannot land on while they are not available', async () => {
    const { prompt } = await runStep(proxy, {}, [[q.proxy, DEFAULT]]);
    const choices = prompt.asked[0]!.choices as { name: string; value: string; disabled?: string }[];
    const enabled = choices.filter((c) => !c.disabled).map((c) => c.value);
    expect(new Set(await picksReachable(choices))).toEqual(new Set(enabled));
  });

  it('is skipped when the draft has a proxy (--proxy)', async () => {
    expect((await runStep(proxy, { proxy: { type: 'nginx' } }, [])).prompt.asked).toEqual([]);
  });
});
