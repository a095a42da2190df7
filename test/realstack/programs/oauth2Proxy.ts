/**
 * oauth2-proxy: the binary built from the pinned module version runs the
 * compose command with mount paths mapped, in the command and inside the
 * mounted config file (a CA file it names); `--http-address` binds the
 * service's own address (the config's 0.0.0.0 would take every address).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, mapMountedPaths, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

export const oauth2Proxy: ProgramAdapter = {
  name: 'oauth2-proxy',
  images: ['quay.io/oauth2-proxy/oauth2-proxy'],
  launch(ctx) {
    const adaptations = ['mount paths in the command -> host paths'];
    const args = (ctx.service.command ?? []).map((arg) => {
      const config = /^--config=(.+)$/.exec(arg)?.[1];
      const host = config ? ctx.hostPath(config) : undefined;
      if (!config || !host) return mapMountedPaths(ctx, arg);
      // The config names container paths too (provider_ca_files): a copy with them mapped.
      const copy = join(ctx.scratch, 'oauth2-proxy.cfg');
      writeFileSync(copy, mapMountedPaths(ctx, readFileSync(host, 'utf8')));
      adaptations.push(`mount paths in ${config} -> host paths`);
      return `--config=${copy}`;
    });
    const bind = `${ctx.address}:4180`;
    adaptations.push(`--http-address=${bind}`);
    return {
      program: COMPONENTS.oauth2Proxy,
      args: [...args, `--http-address=${bind}`],
      env: { ...baseEnv(ctx.scratch), ...ctx.service.environment },
      adaptations,
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
