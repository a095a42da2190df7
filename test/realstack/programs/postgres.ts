/**
 * PostgreSQL: Debian's server does what the official image's entrypoint
 * does on an empty data volume (initdb with POSTGRES_USER and
 * POSTGRES_PASSWORD, scram-sha-256 for TCP, then POSTGRES_DB), and keeps an
 * existing volume as it is — so a changed password in .env meets the old
 * one in the volume, exactly as with compose. It runs as the `postgres` user
 * and listens on the service's own address.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

const DATA = '/var/lib/postgresql/data';

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function initialise(dataDir: string, env: Record<string, string>, user: { uid: number; gid: number }): void {
  const superuser = env.POSTGRES_USER ?? 'postgres';
  const password = env.POSTGRES_PASSWORD;
  if (!password) throw new Error('postgres: POSTGRES_PASSWORD is empty; the image refuses to initialise without one');
  const pwfile = join(dataDir, '..', '.pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chownSync(pwfile, user.uid, user.gid);
  const run = (program: string, args: string[], input?: string) =>
    execFileSync(join(COMPONENTS.postgresBin, program), args, { uid: user.uid, gid: user.gid, input, stdio: ['pipe', 'ignore', 'pipe'] });
  run('initdb', ['-D', dataDir, '-U', superuser, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8']);
  // The image allows every host address with scram-sha-256.
  appendFileSync(join(dataDir, 'pg_hba.conf'), '\nhost all all all scram-sha-256\n');
  const db = env.POSTGRES_DB ?? superuser;
  if (db !== 'postgres') run('postgres', ['--single', '-D', dataDir, 'postgres'], `CREATE DATABASE "${db}";\n`);
  execFileSync('rm', ['-f', pwfile]);
}

export const postgres: ProgramAdapter = {
  name: 'postgres',
  images: ['postgres'],
  launch(ctx) {
    const volumeDir = ctx.hostPath(DATA) ?? join(ctx.scratch, 'data');
    const dataDir = join(volumeDir, 'pgdata');
    const sockets = join(ctx.scratch, 'run');
    const user = postgresUser();
    for (const dir of [volumeDir, sockets]) {
      mkdirSync(dir, { recursive: true });
      chownSync(dir, user.uid, user.gid);
    }
    if (!existsSync(join(dataDir, 'PG_VERSION'))) initialise(dataDir, ctx.service.environment, user);
    return {
      program: join(COMPONENTS.postgresBin, 'postgres'),
      args: ['-D', dataDir, '-c', `listen_addresses=${ctx.address}`, '-c', 'port=5432', '-c', `unix_socket_directories=${sockets}`],
      env: baseEnv(ctx.scratch),
      ...user,
      adaptations: [`listen_addresses=${ctx.address}`, `${DATA} -> ${volumeDir} (PGDATA ${dataDir})`, `initdb as the image's entrypoint does`],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    if (cmd === 'pg_isready') return { argv: [join(COMPONENTS.postgresBin, 'pg_isready'), '-h', ctx.address, '-p', '5432', ...rest], env: baseEnv(ctx.scratch) };
    // A shell in the container: its psql finds the server on the default socket, here in the scratch folder.
    if (cmd === 'sh') {
      const env = baseEnv(ctx.scratch);
      return { argv: ['/bin/sh', ...rest], env: { ...env, PATH: `${COMPONENTS.postgresBin}:${env.PATH}`, PGHOST: join(ctx.scratch, 'run') } };
    }
    throw new Error(`postgres: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(join(COMPONENTS.postgresBin, 'postgres'), ['--version']);
  },
};
