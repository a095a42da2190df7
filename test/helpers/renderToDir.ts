import type { HashScheme } from '../../src/secrets/htpasswd.js';
/**
 * Renders a stack in-process the way `init` does (spec -> generateStack ->
 * writeStackAtomic) into a temp folder, keeping the generated secrets.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStack, type Generated } from '../../src/generate.js';
import { cryptoRandom } from '../../src/secrets/random.js';
import { validateSpec } from '../../src/config/load.js';
import { writeStackAtomic } from '../../src/write/atomic.js';

export interface RenderedStack {
  root: string;
  dir: string;
  generated: Generated;
  read(path: string): string;
  /** Every machine user with its password (as resolved: generated or from env). */
  machineUsers: { name: string; password: string; hash: HashScheme }[];
  remove(): void;
}

export function renderStackToTemp(input: object, env: NodeJS.ProcessEnv = {}): RenderedStack {
  const root = mkdtempSync(join(tmpdir(), 'prefect-secure-e2e-'));
  // nginx's workers run as `nobody` under a root master and read the htpasswd per request.
  chmodSync(root, 0o755);
  const dir = join(root, 'stack');
  const spec = validateSpec(input, 'test spec');
  const generated = generateStack({ spec, specSource: { input }, random: cryptoRandom, env });
  writeStackAtomic(dir, generated.files);
  return {
    root,
    dir,
    generated,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    machineUsers: generated.plan.machineUsers.map((user) => ({
      name: user.name,
      password: generated.secrets[user.secret]!,
      hash: user.hash,
    })),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
