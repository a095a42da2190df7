/**
 * Caddy: the release binary runs the mounted Caddyfile. Mount paths inside it
 * become host paths, and `default_bind` makes every site bind the service's
 * own address, since every native service shares one network namespace. The
 * image's data and config folders (XDG_DATA_HOME=/data, XDG_CONFIG_HOME=/config)
 * are the mounted volume or the scratch folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, mapMountedPaths, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

const CADDYFILE = '/etc/caddy/Caddyfile';

export const caddy: ProgramAdapter = {
  name: 'caddy',
  images: ['caddy'],
  launch(ctx) {
    const source = ctx.hostPath(CADDYFILE);
    if (!source) throw new Error(`service ${ctx.service.name}: nothing is mounted at ${CADDYFILE}`);
    let conf = mapMountedPaths(ctx, readFileSync(source, 'utf8'));
    // The global options block is the file's first `{` line.
    if (!/^\{$/m.test(conf)) throw new Error(`${CADDYFILE} has no global options block`);
    conf = conf.replace(/^\{$/m, `{\n\tdefault_bind ${ctx.address}`);
    const path = join(ctx.scratch, 'Caddyfile');
    writeFileSync(path, conf);
    const data = ctx.hostPath('/data') ?? join(ctx.scratch, 'data');
    const config = join(ctx.scratch, 'config');
    mkdirSync(data, { recursive: true });
    mkdirSync(config, { recursive: true });
    return {
      program: COMPONENTS.caddy,
      args: ['run', '--config', path, '--adapter', 'caddyfile'],
      env: { ...baseEnv(ctx.scratch), ...ctx.service.environment, XDG_DATA_HOME: data, XDG_CONFIG_HOME: config },
      adaptations: [`mount paths in ${CADDYFILE} -> host paths`, `default_bind ${ctx.address}`, `/data -> ${data}`, `/config -> ${config}`, 'as root (the image runs as root)'],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    if (cmd === 'wget') return { argv: [COMPONENTS.wget, ...rest], env: baseEnv(ctx.scratch) };
    throw new Error(`caddy: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(COMPONENTS.caddy, ['version']);
  },
};
