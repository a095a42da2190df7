import { describe, expect, it } from 'vitest';
import { questions as q } from '../../../src/wizard/messages.js';
import { database } from '../../../src/wizard/steps/database.js';
import { DEFAULT } from '../helpers/mockPrompt.js';
import { runStep } from '../helpers/script.js';

describe('database step', () => {
  it('defaults to the bundled PostgreSQL 17', async () => {
    const { ctx, prompt, log } = await runStep(database, {}, [
      [q.database, DEFAULT],
      [q.databaseVersion, DEFAULT],
    ]);
    expect(ctx.draft.database).toEqual({ type: 'postgres', version: '17' });
    expect(prompt.asked.map((a) => [a.message, a.default])).toEqual([
      ['Database', 'postgres'],
      ['PostgreSQL version', '17'],
    ]);
    expect(prompt.asked[1]!.choices!.map((c) => c.value)).toEqual(['17', '16', '15']);
    expect(log.slice(0, 4)).toEqual([
      '  Where Prefect keeps its state.',
      '? Database',
      '  PostgreSQL major version (Prefect needs 14.9 or newer).',
      '? PostgreSQL version',
    ]);
  });

  it('takes another version', async () => {
    const { ctx } = await runStep(database, {}, [
      [q.database, 'postgres'],
      [q.databaseVersion, '15'],
    ]);
    expect(ctx.draft.database).toEqual({ type: 'postgres', version: '15' });
  });

  it('asks what Azure with a managed identity needs, and no password', async () => {
    const { ctx, prompt } = await runStep(database, {}, [
      [q.database, 'azure'],
      ['Database server name', 'prefect-db.postgres.database.azure.com'],
      ['Database user', 'prefect-vm'],
      ['Database sign-in', DEFAULT],
      ['Client ID of a user-assigned managed identity (empty: the system-assigned one)', DEFAULT],
    ]);
    expect(ctx.draft.database).toEqual({ type: 'azure', host: 'prefect-db.postgres.database.azure.com', user: 'prefect-vm', auth: 'entra' });
    expect(prompt.messages()).not.toContain('Database password (env:NAME)');
  });

  it('asks only the version when --db is given, nothing when both are set', async () => {
    expect((await runStep(database, { database: { type: 'postgres' } }, [[q.databaseVersion, DEFAULT]])).prompt.messages()).toEqual([
      q.databaseVersion,
    ]);
    expect((await runStep(database, { database: { type: 'postgres', version: '16' } }, [])).prompt.asked).toEqual([]);
  });
});
