/**
 * The wizard: a list of steps, each filling part of the spec draft (after
 * create-astro). Prompts only fill the draft; rendering and writing are the
 * caller's. Flags fill the draft first, so a step asks only for what is
 * still undefined.
 */
import { SPEC_VERSION, type SpecInput } from '../config/schema.js';
import { isBackOut } from './backOut.js';
import type { Step, WizardContext } from './context.js';
import { clientProfiles } from './steps/clientProfiles.js';
import { confirmWrite } from './steps/confirmWrite.js';
import { database } from './steps/database.js';
import { hosts } from './steps/hosts.js';
import { identityProvider } from './steps/identityProvider.js';
import { intro } from './steps/intro.js';
import { identityDetails } from './steps/identityDetails.js';
import { machineAccess } from './steps/machineAccess.js';
import { prefectVersion } from './steps/prefectVersion.js';
import { projectName } from './steps/projectName.js';
import { proxy } from './steps/proxy.js';
import { target } from './steps/target.js';

export type { Choice, Prompt, Step, WizardContext } from './context.js';
export { inquirerPrompt } from './inquirerPrompt.js';

export const STEPS: Step[] = [
  intro,
  target,
  projectName,
  // The provider first: the hosts step asks for an identity provider hostname only for the bundled Keycloak.
  identityProvider,
  identityDetails,
  hosts,
  proxy,
  machineAccess,
  database,
  prefectVersion,
  clientProfiles,
];

/**
 * Runs every step, shows `summary` and asks to confirm. Returns the completed
 * spec input, or undefined when the person backs out (a "no" at the confirm,
 * or Ctrl-C anywhere). It prints no back-out line: the caller says what it
 * did not do.
 */
export async function runWizard(ctx: WizardContext, summary: (draft: SpecInput) => string): Promise<SpecInput | undefined> {
  try {
    if (ctx.draft.version === undefined) ctx.draft = { version: SPEC_VERSION, ...ctx.draft };
    for (const step of STEPS) await step(ctx);
    if (!(await confirmWrite(ctx, summary))) return undefined;
    return ctx.draft as SpecInput;
  } catch (error) {
    if (isBackOut(error)) return undefined;
    throw error;
  }
}
