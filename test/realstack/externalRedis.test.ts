/**
 * Scale-out on your own Redis (scale.redis.type: external), with the real
 * Redis and Prefect: a Redis that speaks only TLS, with a certificate from a
 * CA the stack is given (scale.redis.ca) and an ACL user of its own (the
 * default user off). The API replicas, the services process and the
 * migration start against it; an event sent to one replica reaches a
 * subscriber on the other, which only Redis carries.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testCa } from '../helpers/tls.js';
import { describeRealStack } from './context.js';
import { eventAcross } from './helpers/eventsAcross.js';
import { startProcess, type NativeProcess } from './runner/processes.js';
import { upStack, type StackRun } from './runner/stack.js';

const REDIS_NAME = 'redis.prefect.test';
const REDIS_ADDRESS = '127.20.1.12';
const PASSWORD = `redis-${process.pid}-${Math.random().toString(36).slice(2)}`;

describeRealStack('scale-out on your own Redis over TLS, with the real Redis and Prefect', () => {
  let redis: NativeProcess | undefined;
  let run: StackRun | undefined;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'prefect-secure-external-redis-'));
    chmodSync(root, 0o755);
    const ca = testCa();
    const leaf = ca.issue([REDIS_NAME]);
    // TLS only (no plain port); the default user off, Prefect's user with its password.
    redis = startProcess(
      'outside-redis',
      '/usr/bin/redis-server',
      ['--port', '0', '--tls-port', '6380', '--bind', REDIS_ADDRESS, '--tls-cert-file', leaf.certFile, '--tls-key-file', leaf.keyFile, '--tls-ca-cert-file', ca.caFile,
        '--tls-auth-clients', 'no', '--save', '', '--appendonly', 'no', '--dir', root, '--user', 'default', 'off', '--user', 'prefect', 'on', `>${PASSWORD}`, '~*', '&*', '+@all'],
      { env: { PATH: '/usr/bin:/bin' }, cwd: root, log: join(root, 'redis.log'), header: `outside Redis at ${REDIS_ADDRESS}:6380 (TLS)\n` },
    );
    const rendered = await runCli(
      ['init', '--preset', 'local', '--api-replicas', '2', '--redis', 'external', '--redis-host', REDIS_NAME,
        '--set', 'scale.redis.username=prefect', '--set', 'scale.redis.password=env:PREFECT_REDIS_PASSWORD', '--set', 'scale.redis.ca=redis/ca.pem'],
      { cwd: root, env: { CI: 'true', PREFECT_REDIS_PASSWORD: PASSWORD } },
    );
    if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
    const dir = join(root, 'prefect-stack');
    mkdirSync(join(dir, 'redis'), { recursive: true });
    copyFileSync(ca.caFile, join(dir, 'redis', 'ca.pem'));
    // Prefect's processes and their database; the proxy and the sign-in are other tests' subject.
    run = await upStack(dir, {
      runDir: join(root, 'run'),
      only: ['postgres', 'prefect-migrate', 'prefect-server-1', 'prefect-server-2', 'prefect-services'],
      outside: new Map([[REDIS_NAME, REDIS_ADDRESS]]),
    });
  }, 600_000);

  afterAll(async () => {
    await run?.down();
    await redis?.stop();
  }, 120_000);

  it('an event sent to one replica reaches a subscriber on the other, through your Redis over verified TLS', async () => {
    const at = (replica: string) => `http://${run!.address(replica)}:4200/api`;
    expect(await eventAcross(at('prefect-server-1'), at('prefect-server-2'))).toContain('received True');
    expect(await eventAcross(at('prefect-server-2'), at('prefect-server-1'))).toContain('received True');
  }, 300_000);

  it('the password is in .env only, and Redis saw no plain connection', () => {
    const dir = join(root, 'prefect-stack');
    expect(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')).not.toContain(PASSWORD);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toContain(PASSWORD);
    expect(readFileSync(join(root, 'redis.log'), 'utf8')).not.toMatch(/wrong version number|http request/i);
  });
});
