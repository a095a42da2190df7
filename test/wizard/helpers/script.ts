import type { WizardContext } from '../../../src/wizard/index.js';
import { questions as q } from '../../../src/wizard/messages.js';
import { memoryIo, type MemoryIo } from './memoryIo.js';
import { DEFAULT, mockPrompt, type MockPrompt, type Script } from './mockPrompt.js';

/** Every question of a run with an empty draft, in order, each answered with its default. */
export const ALL_DEFAULTS: Script = [
  [q.target, DEFAULT],
  [q.name, DEFAULT],
  [q.uiHost, DEFAULT],
  [q.machineHost, DEFAULT],
  [q.idpHost, DEFAULT],
  [q.port, DEFAULT],
  [q.identityProvider, DEFAULT],
  [q.realm, DEFAULT],
  [q.allowedRoles, DEFAULT],
  [q.proxy, DEFAULT],
  [q.machineUsers, DEFAULT],
  [q.chosenPasswords, DEFAULT],
  [q.database, DEFAULT],
  [q.databaseVersion, DEFAULT],
  [q.prefectVersion, DEFAULT],
  [q.profiles, DEFAULT],
  [q.confirm, DEFAULT],
];

/** ALL_DEFAULTS with some answers replaced, by question. */
export function withAnswers(answers: Partial<Record<string, unknown>>, script: Script = ALL_DEFAULTS): Script {
  return script.map(([message, answer]) => [message, message in answers ? answers[message] : answer]);
}

export interface StepRun {
  ctx: WizardContext;
  prompt: MockPrompt;
  io: MemoryIo;
  /** Printed lines and questions ("? message"), interleaved in order. */
  log: string[];
}

/** Runs one step on a draft with scripted answers. */
export async function runStep(
  step: (ctx: WizardContext) => Promise<void>,
  draft: WizardContext['draft'],
  script: Script,
  options: { env?: NodeJS.ProcessEnv; color?: boolean } = {},
): Promise<StepRun> {
  const log: string[] = [];
  const prompt = mockPrompt(script, log);
  const io = memoryIo({ log, ...options });
  const ctx: WizardContext = { draft: structuredClone(draft), prompt, io };
  await step(ctx);
  return { ctx, prompt, io, log };
}

/** Context for calling a question's validate outside a run. */
export function contextFor(draft: WizardContext['draft'], script: Script, env: NodeJS.ProcessEnv = {}): StepRun {
  const log: string[] = [];
  const prompt = mockPrompt(script, log);
  const io = memoryIo({ log, env });
  return { ctx: { draft: structuredClone(draft), prompt, io }, prompt, io, log };
}
