/**
 * nginx: nginx 1.30 (Debian unstable's build, see the installer) runs the mounted nginx.conf. Mount paths inside the
 * file become host paths, and each `listen PORT` binds the service's own
 * address, since every native service shares one network namespace.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    const temp = join(ctx.scratch, 'temp');
    for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(temp, dir), { recursive: true });
    // Temp files of request bodies (log batches) live in the scratch folder, as in the image's /var/cache/nginx.
    conf = conf.replace(/^(\s*http\s*\{)/m, (head) =>
      `${head}\n    client_body_temp_path ${temp}/client_body;\n    proxy_temp_path ${temp}/proxy;\n` +
      `    fastcgi_temp_path ${temp}/fastcgi;\n    uwsgi_temp_path ${temp}/uwsgi;\n    scgi_temp_path ${temp}/scgi;\n`,
    );
    adaptations.push(`temp paths -> ${temp}`);
    const path = join(ctx.scratch, 'nginx.conf');
    writeFileSync(path, conf);
    return {
      program: COMPONENTS.nginx,
      args: ['-p', ctx.scratch, '-c', path, '-e', 'stderr', '-g', `daemon off; pid ${join(ctx.scratch, 'nginx.pid')};`],
      env: baseEnv(ctx.scratch),
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
