import { askChoice } from '../ask.js';
import type { WizardContext } from '../context.js';
import { schemaDefault } from '../defaults.js';
import { choices, extraHelp, questions } from '../messages.js';

const POSTGRES_VERSIONS = ['17', '16', '15'] as const;

/** The bundled PostgreSQL and its major version. */
export async function database(ctx: Pick<WizardContext, 'draft' | 'prompt' | 'io'>): Promise<void> {
  await askChoice(ctx, {
    path: 'database.type',
    message: questions.database,
    default: 'postgres',
    choices: [{ name: choices.database.postgres, value: 'postgres' }],
  });
  await askChoice(ctx, {
    path: 'database.version',
    message: questions.databaseVersion,
    help: extraHelp.databaseVersion,
    default: schemaDefault('database.version') as (typeof POSTGRES_VERSIONS)[number],
    choices: POSTGRES_VERSIONS.map((version) => ({ name: choices.databaseVersion(version), value: version })),
  });
}
