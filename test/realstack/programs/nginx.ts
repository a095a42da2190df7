/**
 * nginx: nginx 1.30 (Debian unstable's build, see the installer) runs the mounted nginx.conf. Mount paths inside the
 * file become host paths, and each `listen PORT` binds the service's own
 * address, since every native service shares one network namespace.
 */
import { chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, mapMountedPaths, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

const CONF = '/etc/nginx/nginx.conf';

export const nginx: ProgramAdapter = {
  name: 'nginx',
  images: ['nginx'],
  launch(ctx) {
    const source = ctx.hostPath(CONF);
    if (!source) throw new Error(`service ${ctx.service.name}: nothing is mounted at ${CONF}`);
    const adaptations: string[] = [];
    let conf = mapMountedPaths(ctx, readFileSync(source, 'utf8'));
    conf = conf.replace(/^(\s*listen\s+)(\d+)\b/gm, (_m, head: string, port: string) => {
      adaptations.push(`listen ${port} -> listen ${ctx.address}:${port}`);
      return `${head}${ctx.address}:${port}`;
    });
    adaptations.push(`mount paths in ${CONF} -> host paths`);
    // The container's /tmp (pid file, request-body temp files) is the scratch folder's, owned by the compose user.
    const tmp = join(ctx.scratch, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const user = ctx.service.user;
    if (user) chownSync(tmp, user.uid, user.gid);
    conf = conf.replace(/(^pid|_temp_path)(\s+)\/tmp\//gm, (_m, key: string, space: string) => `${key}${space}${tmp}/`);
    adaptations.push(`/tmp -> ${tmp}`, user ? `as uid ${user.uid}, gid ${user.gid} (compose user:)` : 'as root (no user:)');
    const path = join(ctx.scratch, 'nginx.conf');
    writeFileSync(path, conf);
    return {
      program: COMPONENTS.nginx,
      args: ['-p', `${tmp}/`, '-c', path, '-e', 'stderr', '-g', 'daemon off;'],
      env: baseEnv(ctx.scratch),
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      adaptations,
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    if (cmd === 'wget') return { argv: [COMPONENTS.wget, ...rest], env: baseEnv(ctx.scratch) };
    throw new Error(`nginx: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(COMPONENTS.nginx, ['-v']);
  },
};
