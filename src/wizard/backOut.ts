/**
 * Errors that mean "the person stopped": @inquirer rejects with
 * ExitPromptError on Ctrl-C (AbortPromptError when a signal aborts it).
 * Matched by name, so a scripted prompt can throw the same without importing @inquirer.
 */
const BACK_OUT_ERRORS = new Set(['ExitPromptError', 'AbortPromptError']);

export function isBackOut(error: unknown): boolean {
  return error instanceof Error && BACK_OUT_ERRORS.has(error.name);
}
