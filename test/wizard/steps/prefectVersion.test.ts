import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFECT_VERSION } from '../../../src/config/schema.js';
import { questions as q } from '../../../src/wizard/messages.js';
import { prefectVersion } from '../../../src/wizard/steps/prefectVersion.js';
import { DEFAULT, probe } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

describe('Prefect version step', () => {
  it('defaults to the pinned version', async () => {
    const { ctx, prompt, log } = await runStep(prefectVersion, {}, [[q.prefectVersion, DEFAULT]]);
    expect(ctx.draft.prefect).toEqual({ version: DEFAULT_PREFECT_VERSION });
    expect(prompt.asked[0]).toMatchObject({ message: 'Prefect version', default: DEFAULT_PREFECT_VERSION });
    expect(log).toEqual(['  Prefect version of the server image (pinned, X.Y.Z).', '? Prefect version']);
  });

  it("shows the schema's messages for a loose or a Prefect 2 version", async () => {
    const verdicts = new Map<unknown, true | string>();
    const { ctx } = await runStep(prefectVersion, {}, [[q.prefectVersion, probe(['3.8', 'latest', '2.19.0'], verdicts, '3.7.0')]]);
    expect(verdicts.get('3.8')).toBe('must be an exact Prefect 3 version X.Y.Z (images are pinned), e.g. "3.8.3"');
    expect(verdicts.get('latest')).toBe('must be an exact Prefect 3 version X.Y.Z (images are pinned), e.g. "3.8.3"');
    expect(verdicts.get('2.19.0')).toBe('must be a Prefect 3 version (3.X.Y)');
    expect(ctx.draft.prefect).toEqual({ version: '3.7.0' });
  });

  it('is skipped when --prefect-version is given', async () => {
    expect((await runStep(prefectVersion, { prefect: { version: '3.8.0' } }, [])).prompt.asked).toEqual([]);
  });
});
