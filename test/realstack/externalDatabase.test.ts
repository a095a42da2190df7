/**
 * Databases outside the stack, with the real PostgreSQL and the real Prefect
 * (and its real prefect-aws / prefect-azure plugins): a PostgreSQL that
 * requires TLS from every client, with a certificate from a CA the stack is
 * given (database.ca).
 *
 * - external: NEXT_STEPS' psql block run as printed creates the user and the
 *   database; the real Prefect server connects with verified TLS and
 *   migrates; with another CA in database/ca.pem it fails closed.
 * - aws (RDS IAM) and azure (Entra managed identity): no password in any
 *   file; the plugin's connection hook mints a token per connection, which the
 *   database's PAM stand-in for the cloud's token check receives and accepts;
 *   the plugin's own TLS context verifies the server through SSL_CERT_FILE
 *   (without it: CERTIFICATE_VERIFY_FAILED, so the stack must set it).
 *
 * Stand-ins, for what cannot run here: the cloud's check of a token (PAM),
 * the platform's identity (static AWS keys; an App Service-style identity
 * endpoint for Azure), the `az` and `curl` of the printed blocks (they reach
 * Azure and AWS, which this machine cannot), and Azure's
 * pgaadauth_create_principal and RDS's rds_iam role in the database.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testCa, type TestCa } from '../helpers/tls.js';
import { describeRealStack } from './context.js';
import { hostRequest } from './helpers/host.js';
import { prefect, printedBlock } from './helpers/prefectCli.js';
import { startOutsidePostgres, type OutsidePostgres } from './helpers/outsidePostgres.js';
import type { ComposeService } from './runner/compose.js';
import { upStack, type StackRun } from './runner/stack.js';

const DB_NAME = 'db.prefect.test';
/** The Azure name of the server: the same stand-in answers it (its certificate holds both names). */
const AZURE_HOST = 'prefect-db.postgres.database.azure.com';
const DB_ADDRESS = '127.20.1.10';
const IDENTITY_NAME = 'identity.prefect.test';
const IDENTITY_ADDRESS = '127.20.1.11';
const AZURE_TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.stand-in-entra-token-${process.pid}.c2lnbmF0dXJl`;
const ADMIN_TOKEN = `admin-token-${process.pid}`;

/** Files of the stack folder, recursively (their text). */
function stackTexts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(path.slice(dir.length + 1), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

async function render(root: string, flags: string[], env: Record<string, string> = {}): Promise<string> {
  const rendered = await runCli(['init', '--preset', 'local', ...flags], { cwd: root, env: { CI: 'true', ...env } });
  if (rendered.code !== 0) throw new Error(`init failed: ${rendered.stderr}`);
  return join(root, 'prefect-stack');
}

/** The printed block, run as printed in the stack folder; `bin` holds stand-ins for programs that reach a cloud. */
function runBlock(block: string, cwd: string, env: Record<string, string>, bin?: string): string {
  return execFileSync('bash', ['-e', '-c', block], { cwd, env: { PATH: `${bin ? `${bin}:` : ''}/usr/bin:/bin`, HOME: cwd, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Prefect's own API, straight at the server (only it runs: the proxy and the sign-in are other tests' subject). */
const apiOf = (run: StackRun) => `http://${run.address('prefect-server')}:4200/api`;

/** The real prefect CLI writes through the server into the database, and reads it back. */
async function workPoolsWork(run: StackRun, pool: string): Promise<void> {
  const created = await prefect(['work-pool', 'create', pool, '--type', 'process'], { PREFECT_API_URL: apiOf(run) });
  expect(created.code, created.all).toBe(0);
  const res = await hostRequest(`${apiOf(run)}/work_pools/${pool}`);
  expect(res.status, res.body.slice(0, 300)).toBe(200);
}

/** Only the Prefect server of the stack, with the names outside it. */
const upPrefect = (dir: string, runDir: string, outside: Map<string, string>, platformEnv?: Record<string, Record<string, string>>) =>
  upStack(dir, { runDir, only: ['prefect-server'], outside, ...(platformEnv ? { platformEnv } : {}) });

describeRealStack('databases outside the stack, with the real PostgreSQL and Prefect', () => {
  let ca: TestCa;
  let db: OutsidePostgres;
  let identity: Server;
  const identityRequests: { url: string; header: string | undefined }[] = [];

  beforeAll(async () => {
    ca = testCa();
    db = await startOutsidePostgres({
      name: DB_NAME,
      address: DB_ADDRESS,
      leaf: ca.issue([DB_NAME, AZURE_HOST]),
      caFile: ca.caFile,
      tokenUsers: [
        // What RDS checks: a SigV4-signed connect request for this host, user and region.
        { name: 'prefect_iam', accepts: `printf '%s' "$TOKEN" | grep -q '^${DB_NAME}:5432/?Action=connect&DBUser=prefect_iam&' && printf '%s' "$TOKEN" | grep -q '%2Feu-west-1%2Frds-db%2Faws4_request' && printf '%s' "$TOKEN" | grep -q 'X-Amz-Signature=' && exit 0; exit 1` },
        // What Azure checks: the token Entra issued to the identity.
        { name: 'prefect-vm', accepts: `[ "$TOKEN" = '${AZURE_TOKEN}' ] && exit 0; exit 1` },
      ],
    });
    // What RDS and Azure have in every database server: the rds_iam role, pgaadauth_create_principal, the Entra admin.
    db.psql(`
      CREATE ROLE rds_iam;
      CREATE ROLE "admin@example.com" LOGIN CREATEDB CREATEROLE PASSWORD '${ADMIN_TOKEN}';
      CREATE FUNCTION pgaadauth_create_principal(name text, is_admin boolean, is_mfa boolean) RETURNS text LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN EXECUTE format('CREATE ROLE %I LOGIN', name); RETURN format('Created role for "%s"', name); END $$;
    `);
    // An App Service-style managed identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER), as azure-identity calls it.
    identity = createServer((req, res) => {
      identityRequests.push({ url: req.url ?? '', header: req.headers['x-identity-header'] as string | undefined });
      if (req.headers['x-identity-header'] !== 'platform-secret') {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: AZURE_TOKEN, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: 'https://ossrdbms-aad.database.windows.net', token_type: 'Bearer' }));
    });
    await new Promise<void>((resolve) => identity.listen(8081, IDENTITY_ADDRESS, resolve));
  }, 120_000);

  afterAll(async () => {
    await db?.stop();
    await new Promise((resolve) => identity?.close(resolve));
  });

  describe('external: your PostgreSQL, TLS verified against database.ca', () => {
    let dir: string;
    let run: StackRun | undefined;
    const password = `pw-${Math.random().toString(36).slice(2)}@/:%`;

    beforeAll(async () => {
      const root = mkdtempSync(join(tmpdir(), 'prefect-secure-external-db-'));
      chmodSync(root, 0o755);
      dir = await render(root, ['--db', 'external', '--db-host', DB_NAME, '--db-user', 'prefect', '--db-password', 'env:PREFECT_DB_PASSWORD', '--db-ca', 'database/ca.pem'], { PREFECT_DB_PASSWORD: password });
      mkdirSync(join(dir, 'database'), { recursive: true });
      copyFileSync(ca.caFile, join(dir, 'database', 'ca.pem'));
      // NEXT_STEPS' block, as printed, in the stack folder; the name resolves as DNS would (PGHOSTADDR), psql asks for the superuser's password (PGPASSWORD).
      const block = printedBlock(readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8'), 'CREATE USER');
      runBlock(block, dir, { PREFECT_DB_PASSWORD: password, PGHOSTADDR: DB_ADDRESS, PGPASSWORD: db.superuserPassword });
      run = await upPrefect(dir, join(root, 'run'), new Map([[DB_NAME, DB_ADDRESS]]));
    }, 600_000);

    afterAll(async () => {
      await run?.down();
    }, 120_000);

    it('the server requires TLS: a plain connection is refused', () => {
      expect(() =>
        execFileSync('/usr/bin/psql', ['-At', `host=${DB_NAME} hostaddr=${DB_ADDRESS} dbname=prefect user=prefect sslmode=disable`, '-c', 'select 1'], { env: { PGPASSWORD: password }, stdio: 'pipe' }),
      ).toThrow(/no encryption/);
    });

    it('the real Prefect server migrated the database it connects to over verified TLS', async () => {
      await workPoolsWork(run!, 'external-db-pool');
      expect(db.psql("select count(*) > 20 from information_schema.tables where table_schema = 'public'", 'prefect').trim()).toBe('t');
      // Every connection of Prefect's user is encrypted.
      expect(db.psql("select bool_and(s.ssl) and count(*) > 0 from pg_stat_ssl s join pg_stat_activity a using (pid) where a.usename = 'prefect'").trim()).toBe('t');
    }, 120_000);

    it('the password lives in .env only', () => {
      const texts = stackTexts(dir);
      expect([...texts].filter(([, text]) => text.includes(password)).map(([path]) => path)).toEqual(['.env']);
      expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    });

    it('with another CA in database/ca.pem Prefect refuses the server (fails closed), and comes back with the right one', async () => {
      const other = testCa();
      copyFileSync(other.caFile, join(dir, 'database', 'ca.pem'));
      // The server does not start on a database it cannot verify: it exits, and the API is gone.
      await expect(run!.recreate('prefect-server')).rejects.toThrow(/exited before it was healthy/);
      expect(run!.logOf('prefect-server')).toMatch(/CERTIFICATE_VERIFY_FAILED/);
      expect((await hostRequest(`${apiOf(run!)}/health`).catch(() => ({ status: 0 }))).status).toBe(0);
      copyFileSync(ca.caFile, join(dir, 'database', 'ca.pem'));
      await run!.recreate('prefect-server');
      const res = await hostRequest(`${apiOf(run!)}/work_pools/external-db-pool`);
      expect(res.status, res.body.slice(0, 300)).toBe(200);
    }, 300_000);
  });

  describe('aws: RDS IAM through prefect-aws, no password anywhere', () => {
    let dir: string;
    let run: StackRun | undefined;

    beforeAll(async () => {
      const root = mkdtempSync(join(tmpdir(), 'prefect-secure-rds-iam-'));
      chmodSync(root, 0o755);
      dir = await render(root, ['--db', 'aws', '--db-host', DB_NAME, '--db-user', 'prefect_iam', '--db-region', 'eu-west-1', '--set', 'database.name=rds']);
      // The printed block: curl fetches Amazon's bundle (here a stand-in that writes the test CA where -o says), psql runs as printed.
      const bin = mkdtempSync(join(tmpdir(), 'prefect-secure-curl-'));
      writeFileSync(join(bin, 'curl'), `#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in -o) cp '${ca.caFile}' "$2"; shift ;; esac; shift; done\n`, { mode: 0o755 });
      const block = printedBlock(readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8'), 'GRANT rds_iam');
      runBlock(block, dir, { PGHOSTADDR: DB_ADDRESS, PGPASSWORD: db.superuserPassword }, bin);
      expect(readFileSync(join(dir, 'database', 'rds-ca.pem'), 'utf8')).toBe(ca.ca);
      // The instance role's credentials, as the platform would hand them to the container.
      const role = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
      run = await upPrefect(dir, join(root, 'run'), new Map([[DB_NAME, DB_ADDRESS]]), { 'prefect-server': role });
    }, 600_000);

    afterAll(async () => {
      await run?.down();
    }, 120_000);

    it('Prefect works on the database, signed in with RDS IAM tokens the plugin minted per connection', async () => {
      await workPoolsWork(run!, 'rds-iam-pool');
      const tokens = db.tokens().filter((t) => t.includes('DBUser=prefect_iam'));
      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens[0]).toMatch(new RegExp(`^${DB_NAME.replace(/\./g, '\\.')}:5432/\\?Action=connect&DBUser=prefect_iam&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F\\d{8}%2Feu-west-1%2Frds-db%2Faws4_request`));
      expect(db.psql("select bool_and(s.ssl) and count(*) > 0 from pg_stat_ssl s join pg_stat_activity a using (pid) where a.usename = 'prefect_iam'").trim()).toBe('t');
    }, 120_000);

    it('no password in any file of the stack', () => {
      const texts = stackTexts(dir);
      expect(texts.get('.env')).not.toMatch(/^DATABASE_PASSWORD=/m);
      expect(texts.get('docker-compose.yml')).not.toContain('DATABASE_PASSWORD');
      for (const token of db.tokens()) for (const [path, text] of texts) expect(text.includes(token), path).toBe(false);
    });

    it("the plugin's own TLS context verifies through SSL_CERT_FILE: without it the connection fails", async () => {
      const before = db.tokens().length;
      const withoutIt = (s: ComposeService): ComposeService => ({ ...s, environment: Object.fromEntries(Object.entries(s.environment).filter(([k]) => k !== 'SSL_CERT_FILE')) });
      // Prefect's own CA setting is still there; the plugin's TLS context does not read it.
      await expect(run!.start('prefect-server', { change: withoutIt })).rejects.toThrow(/exited before it was healthy/);
      expect(run!.logOf('prefect-server')).toMatch(/CERTIFICATE_VERIFY_FAILED/);
      // Refused before any token reached the database.
      expect(db.tokens().length).toBe(before);
      await run!.recreate('prefect-server');
      await workPoolsWork(run!, 'rds-iam-pool-again');
    }, 300_000);
  });

  describe('azure: Microsoft Entra managed identity through prefect-azure, no password anywhere', () => {
    let dir: string;
    let run: StackRun | undefined;

    beforeAll(async () => {
      const root = mkdtempSync(join(tmpdir(), 'prefect-secure-entra-'));
      chmodSync(root, 0o755);
      dir = await render(root, ['--db', 'azure', '--db-host', AZURE_HOST, '--db-user', 'prefect-vm', '--set', 'database.name=entra']);
      // The written roots are Azure's; this stand-in server's certificate is the test CA's: the test trusts that one instead.
      writeFileSync(join(dir, 'database', 'azure-ca.pem'), readFileSync(join(dir, 'database', 'azure-ca.pem'), 'utf8') + ca.ca);
      // The printed block with az standing in: parameter set does nothing here, get-access-token prints the admin's token.
      const bin = mkdtempSync(join(tmpdir(), 'prefect-secure-az-'));
      writeFileSync(join(bin, 'az'), `#!/bin/sh\ncase "$*" in *get-access-token*) echo '${ADMIN_TOKEN}' ;; esac\n`, { mode: 0o755 });
      const block = printedBlock(readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8'), 'pgaadauth_create_principal');
      runBlock(block, dir, { PGHOSTADDR: DB_ADDRESS }, bin);
      run = await upPrefect(dir, join(root, 'run'), new Map([[AZURE_HOST, DB_ADDRESS], [IDENTITY_NAME, IDENTITY_ADDRESS]]), {
        'prefect-server': { IDENTITY_ENDPOINT: `http://${IDENTITY_NAME}:8081/msi/token`, IDENTITY_HEADER: 'platform-secret' },
      });
    }, 600_000);

    afterAll(async () => {
      await run?.down();
    }, 120_000);

    it('Prefect works on the database, signed in with the token the managed identity got', async () => {
      await workPoolsWork(run!, 'entra-pool');
      expect(db.tokens()).toContain(AZURE_TOKEN);
      expect(identityRequests.some((r) => r.url.includes('resource=https%3A%2F%2Fossrdbms-aad.database.windows.net') || r.url.includes('resource=https://ossrdbms-aad.database.windows.net'))).toBe(true);
      expect(db.psql("select bool_and(s.ssl) and count(*) > 0 from pg_stat_ssl s join pg_stat_activity a using (pid) where a.usename = 'prefect-vm'").trim()).toBe('t');
    }, 120_000);

    it('no password in any file of the stack', () => {
      const texts = stackTexts(dir);
      expect(texts.get('.env')).not.toMatch(/^DATABASE_PASSWORD=/m);
      for (const [path, text] of texts) expect(text.includes(AZURE_TOKEN), path).toBe(false);
    });
  });
});
