/** A spec the schema accepts, or undefined where it refuses it (for tests that enumerate combinations). */
import { validateSpec } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';

export function validOrUndefined(input: object): ReturnType<typeof validateSpec> | undefined {
  try {
    return validateSpec(input as never);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}
