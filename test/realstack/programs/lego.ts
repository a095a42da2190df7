/**
 * lego (goacme/lego): the image's own /bin/sh (busybox there, dash here) runs
 * the mounted renewal script of the compose entrypoint, with mount paths
 * mapped inside it and the image's /lego replaced by the installed binary.
 * Root, as in the image: the script hands each key to the proxy's group.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEGO_BINARY } from '../../../src/components/certificates/acme/facts.js';
import { COMPONENTS } from '../components.js';
import { baseEnv, mapMountedPaths, type ProgramAdapter, type ServiceContext } from './types.js';
import { printedVersion } from './version.js';

/** A copy of the mounted script, its mount paths and the image's binary mapped to this machine's. */
function nativeScript(ctx: ServiceContext, script: string): string {
  const source = ctx.hostPath(script);
  if (!source) throw new Error(`service ${ctx.service.name}: nothing is mounted at ${script}`);
  const text = mapMountedPaths(ctx, readFileSync(source, 'utf8')).split(`'${LEGO_BINARY}'`).join(`'${COMPONENTS.lego}'`);
  const copy = join(ctx.scratch, 'renew.sh');
  writeFileSync(copy, text);
  return copy;
}

export const lego: ProgramAdapter = {
  name: 'lego',
  images: ['goacme/lego'],
  launch(ctx) {
    const [shell, script] = ctx.service.entrypoint ?? [];
    if (shell !== '/bin/sh' || !script) throw new Error(`service ${ctx.service.name}: expected entrypoint [/bin/sh, <mounted script>], got ${JSON.stringify(ctx.service.entrypoint)}`);
    return {
      program: '/bin/sh',
      args: [nativeScript(ctx, script)],
      env: { ...baseEnv(ctx.scratch), ...ctx.service.environment },
      adaptations: [`mount paths in ${script} -> host paths`, `${LEGO_BINARY} -> ${COMPONENTS.lego}`],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    // `docker compose exec acme sh <script> now`, as NEXT_STEPS prints it.
    if (cmd === 'sh' && rest[0]) return { argv: ['/bin/sh', nativeScript(ctx, rest[0]), ...rest.slice(1)], env: baseEnv(ctx.scratch) };
    if (cmd === LEGO_BINARY) return { argv: [COMPONENTS.lego, ...rest.map((arg) => mapMountedPaths(ctx, arg))], env: baseEnv(ctx.scratch) };
    throw new Error(`lego: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(COMPONENTS.lego, ['--version']);
  },
};
