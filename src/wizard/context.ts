import type { Io } from '../io.js';
import type { SpecInput } from '../config/schema.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  /** A reason (shown next to the name) or true: listed, but cannot be picked. */
  disabled?: boolean | string;
}

/**
 * The questions the wizard can ask. Injected, so tests script the answers and
 * the real terminal uses @inquirer/prompts (see inquirerPrompt.ts).
 */
export interface Prompt {
  select<T>(o: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  input(o: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
  checkbox<T>(o: {
    message: string;
    choices: { name: string; value: T; checked?: boolean }[];
    validate?: (v: readonly T[]) => true | string;
  }): Promise<T[]>;
}

export interface WizardContext {
  /** The spec so far: flags, --set and earlier answers. A step asks only for what is still undefined here. */
  draft: Partial<SpecInput>;
  prompt: Prompt;
  /** Where help lines go, whether to colour them, and the environment (env:NAME references are checked against it). */
  io: Io;
}

/** A step fills part of the draft; it declares only the context it uses. */
export type Step = (ctx: WizardContext) => Promise<void>;
