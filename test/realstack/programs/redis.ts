/**
 * Redis: Debian's redis-server runs what the stack's command runs. The
 * command hands the password to redis-server on its standard input
 * (`printf 'requirepass "%s"' "$REDIS_PASSWORD" | redis-server - --appendonly yes`);
 * natively the same lines go into a config file in the scratch folder, with
 * the service's own address and the volume's folder as its data directory.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseEnv, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

const SERVER = '/usr/bin/redis-server';
const EXPECTED = /^printf 'requirepass "%s"\\n' "\$REDIS_PASSWORD" \| redis-server - (?<args>.*)$/;

export const redis: ProgramAdapter = {
  name: 'redis',
  images: ['redis'],
  launch(ctx) {
    const [shell, flag, script] = ctx.service.command ?? [];
    const match = shell === 'sh' && flag === '-c' ? EXPECTED.exec(script ?? '') : null;
    if (!match) throw new Error(`redis: the runner knows the stack's command, not ${JSON.stringify(ctx.service.command)}`);
    const password = ctx.service.environment.REDIS_PASSWORD;
    if (!password) throw new Error('redis: REDIS_PASSWORD is empty');
    const data = ctx.hostPath('/data') ?? join(ctx.scratch, 'data');
    const config = join(ctx.scratch, 'redis.conf');
    writeFileSync(config, `requirepass "${password}"\nbind ${ctx.address}\nport 6379\ndir ${data}\ndaemonize no\nprotected-mode no\n`, { mode: 0o600 });
    // The healthcheck's shell finds a redis-cli that talks to this address, as the container's talks to its own.
    const bin = join(ctx.scratch, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'redis-cli'), `#!/bin/sh\nexec /usr/bin/redis-cli -h ${ctx.address} "$@"\n`);
    chmodSync(join(bin, 'redis-cli'), 0o755);
    return {
      program: SERVER,
      args: [config, ...match.groups!.args!.split(' ')],
      env: baseEnv(ctx.scratch),
      adaptations: [`bind ${ctx.address}`, `/data -> ${data}`, 'the password from a config file in the scratch folder instead of standard input'],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    if (cmd === 'redis-cli') return { argv: ['/usr/bin/redis-cli', '-h', ctx.address, ...rest], env: baseEnv(ctx.scratch) };
    if (cmd === 'sh' || cmd === '/bin/sh') {
      const env = baseEnv(ctx.scratch);
      return { argv: ['/bin/sh', ...rest], env: { ...env, PATH: `${join(ctx.scratch, 'bin')}:${env.PATH}`, REDIS_PASSWORD: ctx.service.environment.REDIS_PASSWORD ?? '' } };
    }
    throw new Error(`redis: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(SERVER, ['--version']).replace(/^.*v=(\S+).*$/s, '$1');
  },
};
