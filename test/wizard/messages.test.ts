import { describe, expect, it } from 'vitest';
import { SPEC_FIELDS } from '../../src/config/fields.js';
import { extraHelp, helpLine, introText, NOT_YET_AVAILABLE, questions } from '../../src/wizard/messages.js';

const COLUMNS = 80;
/** Widest answer line @inquirer draws: "✔ <question> <answer>". */
const answered = (question: string, answer: string) => `✔ ${question} ${answer}`;

describe('wizard wording fits an 80-column terminal', () => {
  it('intro and help lines', () => {
    const lines = [
      ...introText({ color: false }).split('\n'),
      ...SPEC_FIELDS.map((field) => helpLine({ color: false }, field.help)),
      ...Object.values(extraHelp).flat().map((text) => helpLine({ color: false }, text)),
    ].map((line) => line.replace(/\n$/, ''));
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(COLUMNS);
  });

  it('select questions with their longest choice, answered or listed as not yet available', () => {
    const selects = SPEC_FIELDS.filter((field) => field.kind === 'choice');
    expect(selects.map((f) => f.path)).toEqual(['target', 'identityProvider.type', 'proxy.type', 'database.type', 'database.version', 'database.auth', 'database.tls', 'scale.redis.type', 'prefect.egress']);
    for (const field of selects) {
      for (const choice of field.choices!) {
        expect(answered(field.question, choice.label).length).toBeLessThanOrEqual(COLUMNS);
        expect(`- ${choice.label} ${NOT_YET_AVAILABLE}`.length).toBeLessThanOrEqual(COLUMNS);
      }
    }
  });

  it('a password question with a typical answer', () => {
    expect(answered(questions.passwordRef('etl-worker'), 'env:ETL_WORKER_PASSWORD').length).toBeLessThanOrEqual(COLUMNS);
  });
});
