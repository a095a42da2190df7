/**
 * A PostgreSQL outside the stack, standing in for a managed database: the
 * real Debian server on a loopback address of its own, requiring TLS from
 * every client over TCP (hostssl only; a plain connection is rejected) with
 * a certificate for its public-looking name from a test CA.
 *
 * For the password-less sign-ins it also stands in for the cloud's check of a
 * token: users named in `tokenUsers` sign in through PAM, and a pam_exec hook
 * receives the password asyncpg sent (the token the plugin minted), records
 * it and accepts it only when it has the shape the cloud would check (an RDS
 * IAM token signed for that user, or the Entra token the identity endpoint
 * stand-in issued). PostgreSQL itself never learns a password for them.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { startProcess, type NativeProcess } from '../runner/processes.js';
import type { Leaf } from '../../helpers/tls.js';

export interface TokenUser {
  name: string;
  /** A shell test on the token in $TOKEN (and $PAM_USER): exit 0 accepts it. */
  accepts: string;
}

export interface OutsidePostgres {
  name: string;
  address: string;
  superuserPassword: string;
  process: NativeProcess;
  log: string;
  /** Every token a token user signed in with, in order. */
  tokens(): string[];
  /** psql as the superuser over TLS (verified), `sql` on its standard input; returns the output. */
  psql(sql: string, database?: string): string;
  stop(): Promise<void>;
}

const BIN = COMPONENTS.postgresBin;

function postgresIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  };
}

export async function startOutsidePostgres(options: { name: string; address: string; leaf: Leaf; caFile: string; tokenUsers?: TokenUser[] }): Promise<OutsidePostgres> {
  const ids = postgresIds();
  const root = mkdtempSync(join(tmpdir(), 'prefect-secure-outside-pg-'));
  chmodSync(root, 0o755);
  const data = join(root, 'data');
  const run = join(root, 'run');
  const tokenLog = join(root, 'tokens.log');
  for (const dir of [data, run]) {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, ids.uid, ids.gid);
  }
  writeFileSync(tokenLog, '');
  chownSync(tokenLog, ids.uid, ids.gid);
  const superuserPassword = `su-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, `${superuserPassword}\n`, { mode: 0o600 });
  chownSync(pwfile, ids.uid, ids.gid);
  execFileSync(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8'], { uid: ids.uid, gid: ids.gid, stdio: ['ignore', 'ignore', 'pipe'] });
  rmSync(pwfile);
  // The server's certificate and key, readable by postgres only (the server refuses a key others can read).
  for (const [file, from, mode] of [['server.crt', options.leaf.certFile, 0o644], ['server.key', options.leaf.keyFile, 0o600]] as const) {
    writeFileSync(join(data, file), readFileSync(from), { mode });
    chownSync(join(data, file), ids.uid, ids.gid);
  }
  // TLS required over TCP: only hostssl lines; token users through PAM, everyone else by password.
  const pamService = `prefect-secure-${process.pid}`;
  const hook = join(root, 'check-token.sh');
  const users = options.tokenUsers ?? [];
  const hba = [
    'local all all trust',
    ...users.map((u) => `hostssl all ${u.name} all pam pamservice=${pamService}`),
    'hostssl all all all scram-sha-256',
  ];
  writeFileSync(join(data, 'pg_hba.conf'), `${hba.join('\n')}\n`);
  if (users.length > 0) {
    const cases = users.map((u) => `  ${JSON.stringify(u.name)}) ${u.accepts} ;;`).join('\n');
    writeFileSync(
      hook,
      `#!/bin/sh\n# pam_exec expose_authtok: the password arrives on standard input, NUL-terminated.\nTOKEN=$(tr -d '\\000')\nprintf '%s\\t%s\\n' "$PAM_USER" "$TOKEN" >> ${tokenLog}\ncase "$PAM_USER" in\n${cases}\n  *) exit 1 ;;\nesac\n`,
      { mode: 0o755 },
    );
    writeFileSync(`/etc/pam.d/${pamService}`, `auth required pam_exec.so expose_authtok quiet ${hook}\naccount required pam_permit.so\n`);
  }
  const log = join(root, 'postgres.log');
  appendFileSync(log, '');
  chownSync(log, ids.uid, ids.gid);
  const proc = startProcess(
    'outside-postgres',
    join(BIN, 'postgres'),
    ['-D', data, '-c', `listen_addresses=${options.address}`, '-c', 'port=5432', '-c', `unix_socket_directories=${run}`, '-c', 'ssl=on', '-c', 'log_connections=on'],
    { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' }, cwd: root, uid: ids.uid, gid: ids.gid, log, header: `outside PostgreSQL ${options.name} at ${options.address}` },
  );
  const psql = (sql: string, database = 'postgres') =>
    execFileSync('/usr/bin/psql', ['-v', 'ON_ERROR_STOP=1', '-At', `host=${options.name} hostaddr=${options.address} port=5432 dbname=${database} user=postgres sslmode=verify-full sslrootcert=${options.caFile}`], {
      input: sql,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', PGPASSWORD: superuserPassword },
    });
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      psql('select 1');
      break;
    } catch (error) {
      if (Date.now() > until || proc.exitCode() !== undefined) throw new Error(`outside PostgreSQL did not start: ${(error as Error).message}\n${readFileSync(log, 'utf8').slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return {
    name: options.name,
    address: options.address,
    superuserPassword,
    process: proc,
    log,
    tokens: () => readFileSync(tokenLog, 'utf8').split('\n').filter(Boolean).map((line) => line.split('\t')[1]!),
    psql,
    async stop() {
      await proc.stop();
      if (existsSync(`/etc/pam.d/${pamService}`)) rmSync(`/etc/pam.d/${pamService}`);
    },
  };
}
