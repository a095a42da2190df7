/**
 * A scripted Prompt for step tests (create-astro's mockPrompt). Each answer
 * names the question it expects, so a test fails on the first question asked
 * out of order. Like a real terminal, an answer must pass the question's
 * validate, and a disabled choice cannot be picked.
 */
import type { Choice, Prompt } from '../../../src/wizard/index.js';

/** Take the question's default (Enter), as a person would. */
export const DEFAULT = Symbol('default');

/** Ctrl-C: what @inquirer throws. */
export function ctrlC(): Error {
  const error = new Error('User force closed the prompt with SIGINT');
  error.name = 'ExitPromptError';
  return error;
}

/**
 * An answer: a value, DEFAULT, an Error to throw (ctrlC()), or a function
 * called with the question when it is asked, returning one of those (to
 * probe its validate at that moment).
 */
export type Answer = unknown;
export type Script = [message: string, answer: Answer][];

export interface Asked {
  kind: 'select' | 'input' | 'confirm' | 'checkbox';
  message: string;
  default?: unknown;
  choices?: (Choice<unknown> | { name: string; value: unknown; checked?: boolean })[];
  validate?: (value: never) => true | string;
}

export interface MockPrompt extends Prompt {
  asked: Asked[];
  /** Messages of the questions, in the order they were asked. */
  messages(): string[];
  /** Answers the script holds that nobody asked for. */
  unused(): Script;
}

export function mockPrompt(script: Script, log: string[] = []): MockPrompt {
  const queue = [...script];
  const asked: Asked[] = [];

  function next(question: Asked): Answer {
    asked.push(question);
    log.push(`? ${question.message}`);
    const entry = queue.shift();
    if (!entry) throw new Error(`mockPrompt: unexpected question "${question.message}" (the script is exhausted)`);
    const [expected, scripted] = entry;
    if (expected !== question.message) throw new Error(`mockPrompt: asked "${question.message}", the script expected "${expected}"`);
    const answer = typeof scripted === 'function' ? (scripted as (q: Asked) => unknown)(question) : scripted;
    if (answer instanceof Error) throw answer;
    return answer;
  }

  function checked<T>(question: Asked, value: T): T {
    const verdict = question.validate?.(value as never) ?? true;
    if (verdict !== true) throw new Error(`mockPrompt: the scripted answer ${JSON.stringify(value)} to "${question.message}" is invalid: ${verdict}`);
    return value;
  }

  return {
    asked,
    messages: () => asked.map((q) => q.message),
    unused: () => [...queue],
    async select<T>(o: { message: string; choices: Choice<T>[]; default?: T }): Promise<T> {
      const question: Asked = { kind: 'select', ...o };
      const answer = next(question);
      const value = (answer === DEFAULT ? o.default ?? o.choices.find((c) => !c.disabled)?.value : answer) as T;
      const choice = o.choices.find((c) => c.value === value);
      if (!choice) throw new Error(`mockPrompt: "${String(value)}" is not a choice of "${o.message}"`);
      if (choice.disabled) throw new Error(`mockPrompt: "${String(value)}" is disabled in "${o.message}"`);
      return value;
    },
    async input(o) {
      const question: Asked = { kind: 'input', ...o };
      const answer = next(question);
      // A real prompt submits the default on an empty line.
      const text = answer === DEFAULT || answer === '' ? (o.default ?? '') : String(answer);
      return checked(question, text);
    },
    async confirm(o) {
      const answer = next({ kind: 'confirm', ...o });
      return answer === DEFAULT ? (o.default ?? false) : Boolean(answer);
    },
    async checkbox<T>(o: { message: string; choices: { name: string; value: T; checked?: boolean }[]; validate?: (v: readonly T[]) => true | string }): Promise<T[]> {
      const question: Asked = { kind: 'checkbox', ...o } as Asked;
      const answer = next(question);
      const values = (answer === DEFAULT ? o.choices.filter((c) => c.checked).map((c) => c.value) : answer) as T[];
      for (const value of values) {
        if (!o.choices.some((c) => c.value === value)) throw new Error(`mockPrompt: "${String(value)}" is not a choice of "${o.message}"`);
      }
      return checked(question, values);
    },
  };
}

/**
 * An answer that first runs the question's validate on each of `values`
 * (recording the verdicts in `verdicts`), then answers `answer`.
 */
export function probe(values: unknown[], verdicts: Map<unknown, true | string>, answer: Answer = DEFAULT): (q: Asked) => Answer {
  return (question) => {
    if (!question.validate) throw new Error(`mockPrompt: "${question.message}" has no validate to probe`);
    for (const value of values) verdicts.set(value, question.validate(value as never));
    return answer;
  };
}
