import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** @inquirer/prompts replaced by recorders; `loads` counts how often the module was imported. */
let loads = 0;
const calls: { kind: string; config: Record<string, unknown> }[] = [];
const answers: Record<string, unknown> = {};

beforeEach(() => {
  loads = 0;
  calls.length = 0;
  vi.resetModules();
  vi.doMock('@inquirer/prompts', () => {
    loads++;
    const recorder = (kind: string) => async (config: Record<string, unknown>) => {
      calls.push({ kind, config });
      const answer = answers[kind];
      if (answer instanceof Error) throw answer;
      return answer;
    };
    return { select: recorder('select'), input: recorder('input'), confirm: recorder('confirm'), checkbox: recorder('checkbox') };
  });
});

afterEach(() => {
  vi.doUnmock('@inquirer/prompts');
});

describe('inquirerPrompt', () => {
  it('loads @inquirer/prompts only when called, not when the wizard is imported', async () => {
    const wizard = await import('../../src/wizard/index.js');
    expect(loads).toBe(0);
    await wizard.inquirerPrompt();
    expect(loads).toBe(1);
  });

  it('passes select choices (disabled ones included), input defaults and validate through', async () => {
    const { inquirerPrompt } = await import('../../src/wizard/index.js');
    const prompt = await inquirerPrompt();
    answers.select = 'local';
    answers.input = 'prefect';
    const choices = [
      { name: 'Local', value: 'local' },
      { name: 'Kubernetes', value: 'kubernetes', disabled: '(not yet available)' },
    ];
    expect(await prompt.select({ message: 'Where?', choices, default: 'local' })).toBe('local');
    const validate = (v: string) => (v === 'ok' ? true : 'must be ok');
    expect(await prompt.input({ message: 'Name', default: 'prefect', validate })).toBe('prefect');
    expect(calls[0]).toEqual({ kind: 'select', config: { message: 'Where?', choices, default: 'local' } });
    expect(calls[1]).toEqual({ kind: 'input', config: { message: 'Name', default: 'prefect', validate } });
  });

  it("hands checkbox validate the chosen values, not @inquirer's choice objects", async () => {
    const { inquirerPrompt } = await import('../../src/wizard/index.js');
    const prompt = await inquirerPrompt();
    answers.checkbox = ['ci'];
    const seen: (readonly string[])[] = [];
    await prompt.checkbox({
      message: 'Profiles',
      choices: [{ name: 'ci', value: 'ci', checked: true }],
      validate: (values) => (seen.push(values), true),
    });
    const validate = calls[0]!.config.validate as (items: { value: string; name: string }[]) => true | string;
    expect(validate([{ value: 'ci', name: 'ci' }])).toBe(true);
    expect(seen).toEqual([['ci']]);
  });

  it("turns @inquirer's Ctrl-C (ExitPromptError) into a back-out of the whole wizard", async () => {
    const { inquirerPrompt, runWizard } = await import('../../src/wizard/index.js');
    const exit = new Error('User force closed the prompt with SIGINT');
    exit.name = 'ExitPromptError';
    answers.select = exit;
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), color: false, isTTY: true, env: {}, cwd: '/' };
    const result = await runWizard({ draft: {}, prompt: await inquirerPrompt(), io }, () => '');
    expect(result).toBeUndefined();
    expect(out.join('')).not.toContain('SIGINT');
  });
});
