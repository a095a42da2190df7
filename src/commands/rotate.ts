/**
 * `rotate`: generate chosen secrets anew and re-render the stack with them.
 * Every other secret is reused, so exactly the chosen ones change.
 */
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Io } from '../io.js';
import { SPEC_FILE } from '../components/core/files.js';
import { buildPlan } from '../plan/index.js';
import { readSpecFile } from '../config/load.js';
import { assertStackFolder } from '../stack/existing.js';
import { runInit } from './init.js';

export async function runRotate(names: string[], options: { dir: string; force?: boolean; json?: boolean }, io: Io): Promise<number> {
  const dir = resolve(io.cwd, options.dir);
  assertStackFolder(dir, options.dir, '--dir');
  const plan = buildPlan(readSpecFile(join(dir, SPEC_FILE), join(options.dir, SPEC_FILE)));
  const rotatable = plan.secrets.filter((s) => 'generate' in s.source);
  const choices = rotatable.map((s) => `${s.alias} (${s.name})`).join(', ');
  if (names.length === 0) {
    throw new UserError([{ path: 'secrets', message: 'name at least one secret to rotate', fix: `choose from: ${choices}, or all` }]);
  }
  const chosen = new Set<string>();
  const problems = [];
  for (const name of names) {
    if (name === 'all') {
      rotatable.forEach((s) => chosen.add(s.name));
      continue;
    }
    const secret = plan.secrets.find((s) => s.name === name || s.alias === name);
    if (!secret) problems.push({ path: name, message: 'is not a secret of this stack', fix: `choose from: ${choices}` });
    else if ('env' in secret.source && secret.source.store) {
      problems.push({ path: name, message: `is ${secret.source.holds}, issued by the identity provider (env:${secret.source.env}), not one prefect-secure generates`, fix: `create a new secret there, then export ${secret.source.env}=<the new secret> and run prefect-secure render` });
    } else if ('env' in secret.source) {
      problems.push({ path: name, message: `is a password you chose (env:${secret.source.env}), not one prefect-secure generates`, fix: `change ${secret.source.env} and run prefect-secure render` });
    } else chosen.add(secret.name);
  }
  if (problems.length > 0) throw new UserError(problems, 'rotate');
  // The report says what else each rotated secret needs, in --json too.
  return runInit(
    { config: join(dir, SPEC_FILE), out: dir, outLabel: '--dir', rotate: [...chosen], force: Boolean(options.force), json: Boolean(options.json) },
    io,
  );
}
