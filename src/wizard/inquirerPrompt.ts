import type { Prompt } from './context.js';

/**
 * The real prompts. @inquirer/prompts is imported on first use, so runs that
 * never ask (flags, --config, CI) never load it. Ctrl-C rejects with
 * ExitPromptError, which runWizard turns into a back-out (see backOut.ts).
 * Colours: @inquirer's palette is off under NO_COLOR or TERM=dumb (Node's tty
 * colour detection), like the rest of the CLI.
 */
export async function inquirerPrompt(): Promise<Prompt> {
  const inquirer = await import('@inquirer/prompts');
  return {
    select: (o) => inquirer.select({ message: o.message, choices: o.choices, default: o.default }),
    input: (o) =>
      inquirer.input({
        message: o.message,
        ...(o.default !== undefined ? { default: o.default } : {}),
        ...(o.validate ? { validate: o.validate } : {}),
      }),
    confirm: (o) => inquirer.confirm({ message: o.message, ...(o.default !== undefined ? { default: o.default } : {}) }),
    checkbox: (o) => {
      const validate = o.validate;
      return inquirer.checkbox({
        message: o.message,
        choices: o.choices,
        // @inquirer hands validate the chosen items; the wizard's rules take their values.
        ...(validate ? { validate: (items: readonly { value: (typeof o.choices)[number]['value'] }[]) => validate(items.map((item) => item.value)) } : {}),
      });
    },
  };
}
