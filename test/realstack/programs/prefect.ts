/**
 * Prefect: the pinned release from PyPI in a venv runs the compose command
 * (`prefect server start`). PREFECT_SERVER_API_HOST binds the service's own
 * address; PREFECT_HOME sits in the scratch folder, as the container's
 * /root/.prefect does.
 */
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
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
    // Within a value too: a CA path in a rediss:// URL's query, a SQLite file in a volume.
    const mounts = [...ctx.service.mounts].sort((a, b) => b.target.length - a.target.length).map((m) => ({ target: m.target, host: m.type === 'bind' ? m.source : ctx.volume(m.source) }));
    const embedded = (v: string) => mounts.reduce((text, m) => text.replaceAll(`=${m.target}`, `=${m.host}`).replaceAll(`:///${m.target}/`, `:///${m.host}/`), v);
    // Docker gives an empty volume the mode of the image's folder it is mounted on: the image's /tmp is 1777.
    const tmpVolume = ctx.service.mounts.find((m) => m.type === 'volume' && m.target === '/tmp');
    if (tmpVolume) chmodSync(ctx.volume(tmpVolume.source), 0o1777);
    const local = (v: string) => (v.startsWith('/') ? ctx.hostPath(v) : undefined) ?? (v === '/tmp' ? tmp : v.startsWith('/tmp/') ? join(tmp, v.slice(5)) : embedded(v));
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
