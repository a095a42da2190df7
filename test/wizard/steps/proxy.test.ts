import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { proxy } from '../../../src/wizard/steps/proxy.js';
import { DEFAULT } from '../helpers/mockPrompt.js';
import { picksReachable } from '../helpers/realSelect.js';
import { runStep } from '../helpers/script.js';

describe('proxy step', () => {
  it('defaults to nginx and offers Caddy and Traefik', async () => {
    const { ctx, prompt, log } = await runStep(proxy, {}, [[q.proxy, DEFAULT]]);
    expect(ctx.draft.proxy).toEqual({ type: 'nginx' });
    expect(prompt.asked[0]).toMatchObject({ kind: 'select', message: 'Reverse proxy', default: 'nginx' });
    expect(prompt.asked[0]!.choices).toEqual([
      { name: 'nginx', value: 'nginx' },
      { name: 'Caddy', value: 'caddy' },
      { name: 'Traefik', value: 'traefik' },
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
