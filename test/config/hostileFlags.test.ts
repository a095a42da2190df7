/**
 * The hostile corpus through every value flag of `init` and every input path
 * (`--out`, `--config`, doctor's folder): each run ends with exit 0 or 2,
 * a refusal names the flag, nothing half-written is left, and no control
 * or bidi character reaches the terminal raw.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { memoryIo } from '../helpers/io.js';

const HOSTILE = ['a\nb', 'x"y', "x'y", '$(touch pwned)', '${HOME}', '{{x}}', '\u001b[2Jx', 'abc\u202etxt', 'a\u0000b', 'x'.repeat(3000), ''];
const FLAGS = ['--name', '--ui-host', '--machine-host', '--idp-host', '--port', '--realm', '--machine-users', '--profiles', '--prefect-version', '--prefect-egress', '--target', '--idp', '--proxy', '--db'];
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function run(args: string[]) {
  const work = mkdtempSync(join(tmpdir(), 'prefect-secure-flags-'));
  const io = memoryIo(work);
  const code = await main(args, io.io);
  return { code, out: io.stdout() + io.stderr(), work };
}

describe('hostile values through every flag', () => {
  it.each(FLAGS)('%s: refused naming the flag, or rendered; never a raw control character', async (flag) => {
    for (const value of HOSTILE) {
      const { code, out, work } = await run(['init', '--preset', 'local', flag, value, '--out', 'stack']);
      expect([0, 2], `${flag} ${JSON.stringify(value)}: ${out}`).toContain(code);
      expect(out, `${flag} ${JSON.stringify(value)}`).not.toMatch(RAW);
      if (code === 2) {
        expect(out, `${flag} ${JSON.stringify(value)}`).toContain(flag);
        expect(existsSync(join(work, 'stack'))).toBe(false);
      }
      // Only the stack folder, never a staging folder or a file a value named.
      expect(readdirSync(work).filter((name) => name !== 'stack')).toEqual([]);
    }
  });
});

describe('hostile input paths', () => {
  const paths = HOSTILE.filter((v) => v !== '' && !v.includes('\u0000')).map((v) => [JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v), v] as const);
  it.each(paths)('--out, --config and doctor with %s', async (_label, value) => {
    const out = await run(['init', '--preset', 'local', '--out', value]);
    expect([0, 2]).toContain(out.code);
    expect(out.out).not.toMatch(RAW);
    const config = await run(['init', '--config', value, '--out', 'stack']);
    expect(config.code).toBe(2);
    expect(config.out).not.toMatch(RAW);
    const doctor = await run(['doctor', value]);
    expect(doctor.code).toBe(2);
    expect(doctor.out).not.toMatch(RAW);
  });
});
