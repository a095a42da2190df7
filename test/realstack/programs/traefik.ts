/**
 * Traefik: the release binary runs the mounted static configuration. Mount
 * paths in it and in the dynamic files become host paths (the dynamic folder
 * is copied to the scratch folder with them mapped), and each entry point's
 * `:PORT` binds the service's own address, since every native service shares
 * one network namespace.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, mapMountedPaths, type ProgramAdapter, type ServiceContext } from './types.js';
import { printedVersion } from './version.js';

const STATIC = '/etc/traefik/traefik.yml';
const DYNAMIC = '/etc/traefik/dynamic';

function staticCopy(ctx: ServiceContext): string {
  return join(ctx.scratch, 'traefik.yml');
}

export const traefik: ProgramAdapter = {
  name: 'traefik',
  images: ['traefik'],
  launch(ctx) {
    const source = ctx.hostPath(STATIC);
    const dynamic = ctx.hostPath(DYNAMIC);
    if (!source || !dynamic) throw new Error(`service ${ctx.service.name}: nothing is mounted at ${STATIC} or ${DYNAMIC}`);
    const adaptations: string[] = [`mount paths in ${STATIC} and ${DYNAMIC}/* -> host paths`];
    const dynamicCopy = join(ctx.scratch, 'dynamic');
    mkdirSync(dynamicCopy, { recursive: true });
    for (const name of readdirSync(dynamic)) writeFileSync(join(dynamicCopy, name), mapMountedPaths(ctx, readFileSync(join(dynamic, name), 'utf8')));
    let conf = readFileSync(source, 'utf8').replace(/^(\s*directory:\s*)"?\/etc\/traefik\/dynamic"?\s*$/m, (_m, head: string) => `${head}"${dynamicCopy}"`);
    conf = mapMountedPaths(ctx, conf);
    conf = conf.replace(/^(\s*address:\s*)":(\d+)"/gm, (_m, head: string, port: string) => {
      adaptations.push(`:${port} -> ${ctx.address}:${port}`);
      return `${head}"${ctx.address}:${port}"`;
    });
    writeFileSync(staticCopy(ctx), conf);
    const env = Object.fromEntries(Object.entries(ctx.service.environment).map(([k, v]) => [k, mapMountedPaths(ctx, v)]));
    return {
      program: COMPONENTS.traefik,
      args: [`--configFile=${staticCopy(ctx)}`],
      env: { ...baseEnv(ctx.scratch), ...env },
      adaptations: [...adaptations, 'as root (the image runs as root)'],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    if (cmd === 'traefik') return { argv: [COMPONENTS.traefik, ...rest, `--configFile=${staticCopy(ctx)}`], env: baseEnv(ctx.scratch) };
    throw new Error(`traefik: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(COMPONENTS.traefik, ['version']);
  },
};
