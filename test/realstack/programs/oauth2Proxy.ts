/**
 * oauth2-proxy: the binary built from the pinned module version runs the
 * compose command with mount paths mapped; `--http-address` binds the
 * service's own address (the config's 0.0.0.0 would take every address).
 */
import { COMPONENTS } from '../components.js';
import { baseEnv, mapMountedPaths, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

export const oauth2Proxy: ProgramAdapter = {
  name: 'oauth2-proxy',
  images: ['quay.io/oauth2-proxy/oauth2-proxy'],
  launch(ctx) {
    const args = (ctx.service.command ?? []).map((arg) => mapMountedPaths(ctx, arg));
    const bind = `${ctx.address}:4180`;
    return {
      program: COMPONENTS.oauth2Proxy,
      args: [...args, `--http-address=${bind}`],
      env: { ...baseEnv(ctx.scratch), ...ctx.service.environment },
      adaptations: ['mount paths in the command -> host paths', `--http-address=${bind}`],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    if (cmd === 'wget') return { argv: [COMPONENTS.wget, ...rest], env: baseEnv(ctx.scratch) };
    throw new Error(`oauth2-proxy: no native ${cmd}`);
  },
  installedVersion() {
    return `v${printedVersion(COMPONENTS.oauth2Proxy, ['--version'])}`;
  },
};
