/**
 * Prefect: the pinned release from PyPI in a venv runs the compose command
 * (`prefect server start`). PREFECT_SERVER_API_HOST binds the service's own
 * address; PREFECT_HOME sits in the scratch folder, as the container's
 * /root/.prefect does.
 */
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

function native(cmd: string | undefined): string {
  if (cmd === 'prefect') return COMPONENTS.prefect;
  if (cmd === 'python' || cmd === 'python3') return COMPONENTS.python;
  throw new Error(`prefect: no native ${cmd}`);
}

export const prefect: ProgramAdapter = {
  name: 'prefect',
  images: ['prefecthq/prefect'],
  launch(ctx) {
    const [cmd, ...rest] = ctx.service.command ?? ['prefect', 'server', 'start'];
    return {
      program: native(cmd),
      args: rest,
      env: {
        ...baseEnv(ctx.scratch),
        ...ctx.service.environment,
        PREFECT_SERVER_API_HOST: ctx.address,
        PREFECT_HOME: join(ctx.scratch, '.prefect'),
      },
      adaptations: [`PREFECT_SERVER_API_HOST=${ctx.address}`, `PREFECT_HOME=${join(ctx.scratch, '.prefect')}`],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    return { argv: [native(cmd), ...rest], env: baseEnv(ctx.scratch) };
  },
  installedVersion() {
    return printedVersion(COMPONENTS.prefect, ['--version']);
  },
};
