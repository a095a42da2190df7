import type { WizardContext } from '../../../src/wizard/index.js';
import { questions as q } from '../../../src/wizard/messages.js';
import { memoryIo, type MemoryIo } from './memoryIo.js';
import { DEFAULT, mockPrompt, type MockPrompt, type Script } from './mockPrompt.js';

/** Every question of a run with an empty draft, in the order asked. */
export const QUESTIONS: readonly string[] = [
  q.target,
  q.name,
  q.identityProvider,
  q.bundled,
  q.realm,
  q.allowedRoles,
  q.uiHost,
  q.machineHost,
  q.idpHost,
  q.port,
  q.proxy,
  q.machineUsers,
  q.chosenPasswords,
  q.database,
  q.databaseVersion,
  q.prefectVersion,
  q.profiles,
  q.confirm,
];

/** Every question of a run with an empty draft, in order, each answered with its default. */
export const ALL_DEFAULTS: Script = QUESTIONS.map((message) => [message, DEFAULT]);

/** ALL_DEFAULTS with some answers replaced, by question. */
export function withAnswers(answers: Partial<Record<string, unknown>>, script: Script = ALL_DEFAULTS): Script {
  return script.map(([message, answer]) => [message, message in answers ? answers[message] : answer]);
}

/** Answers that change the project, hosts, realm and machine users from their defaults. */
export const CUSTOM_ANSWERS = {
  [q.name]: 'data-team',
  [q.uiHost]: 'flows.localtest.me',
  [q.machineHost]: 'flows-api.localtest.me',
  [q.idpHost]: 'sso.localtest.me',
  [q.port]: '9443',
  [q.realm]: 'data',
  [q.allowedRoles]: 'analysts, ops',
  [q.machineUsers]: 'deploy, etl',
};

/**
 * `script` with the chosen-passwords question answered yes and, right after it, the
 * password-reference question of each user of `passwords`, in that order, with its answer.
 */
export function withChosenPasswords(passwords: Record<string, unknown>, script: Script = ALL_DEFAULTS): Script {
  return script.flatMap(([message, answer]): Script =>
    message === q.chosenPasswords
      ? [[message, true], ...Object.entries(passwords).map(([user, ref]): [string, unknown] => [q.passwordRef(user), ref])]
      : [[message, answer]],
  );
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
