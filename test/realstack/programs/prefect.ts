/**
 * Prefect: the pinned release from PyPI in a venv runs the compose command
 * (`prefect server start`). PREFECT_SERVER_API_HOST binds the service's own
 * address; PREFECT_HOME sits in the scratch folder, as the container's
 * /root/.prefect does.
 */
import { chownSync, mkdirSync } from 'node:fs';
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
    // The container's own /tmp is the scratch folder's, owned by the compose user.
    const tmp = join(ctx.scratch, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const user = ctx.service.user;
    if (user) chownSync(tmp, user.uid, user.gid);
    // A file the compose file mounts (a CA) is read where it lies on the host; the container's own /tmp is the scratch folder's.
    const local = (v: string) => (v.startsWith('/') ? ctx.hostPath(v) : undefined) ?? (v.startsWith('/tmp/') ? join(tmp, v.slice(5)) : v);
    const environment = Object.fromEntries(Object.entries(ctx.service.environment).map(([k, v]) => [k, local(v)]));
    const mounted = ctx.service.mounts.map((m) => `${m.target} -> ${m.source}`);
    return {
      program: native(cmd),
      args: rest,
      env: {
        ...baseEnv(ctx.scratch),
        ...environment,
        PREFECT_SERVER_API_HOST: ctx.address,
        ...(environment.PREFECT_HOME ? {} : { PREFECT_HOME: join(ctx.scratch, '.prefect') }),
      },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      adaptations: [`PREFECT_SERVER_API_HOST=${ctx.address}`, `/tmp -> ${tmp}`, ...mounted, user ? `as uid ${user.uid}, gid ${user.gid} (compose user:)` : 'as root (no user:)'],
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
