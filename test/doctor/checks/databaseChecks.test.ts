/**
 * The database and scale-out checks on hand-written stacks: a sign-in plugin
 * with a password beside it or a CA its TLS context never reads, an
 * unverified asyncpg URL, and several Prefect processes without Redis, with
 * SQLite, or without their one services process.
 */
import { describe, expect, it } from 'vitest';
import { prefectDatabaseTlsUnverified } from '../../../src/doctor/checks/prefectDatabaseTlsUnverified.js';
import { prefectDbPluginCa } from '../../../src/doctor/checks/prefectDbPluginCa.js';
import { prefectDbPluginPassword } from '../../../src/doctor/checks/prefectDbPluginPassword.js';
import { prefectScaleOutRedis } from '../../../src/doctor/checks/prefectScaleOutRedis.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

const HOST = '      PREFECT_SERVER_API_HOST: 0.0.0.0\n';
const withEnv = (extra: string, compose = GOOD_COMPOSE) => edit(compose, HOST, `${HOST}${extra}`);
const IAM = '      PREFECT_PLUGINS_ENABLED: "true"\n      PREFECT_INTEGRATIONS_AWS_RDS_IAM_ENABLED: "true"\n';

/** Another Prefect server process beside the good stack's, with its own command. */
function withProcess(compose: string, name: string, command: string, env = ''): string {
  const block = `  ${name}:\n    image: prefecthq/prefect:3.8.3-python3.12\n    command: ${command}\n    environment:\n${HOST}${env}      PREFECT_SERVER_DATABASE_CONNECTION_URL: postgresql+asyncpg://prefect:\${DB_PASSWORD:?set it}@postgres:5432/prefect\n    networks: [backend]\n`;
  return edit(compose, '  prefect-server:\n', `${block}  prefect-server:\n`);
}

describe('prefect-db-plugin-password', () => {
  it('warns about a password beside RDS IAM, in a setting or in the URL', () => {
    const setting = withEnv(`${IAM}      PREFECT_SERVER_DATABASE_PASSWORD: \${DB_PASSWORD:?set it}\n`);
    expect(brief(run(prefectDbPluginPassword, goodStack({ 'docker-compose.yml': setting })))).toEqual([
      `warning prefect-db-plugin-password docker-compose.yml:${lineOf(setting, 'PREFECT_SERVER_DATABASE_PASSWORD')}`,
    ]);
    // The good stack's URL holds a password.
    const url = withEnv(IAM);
    const findings = run(prefectDbPluginPassword, goodStack({ 'docker-compose.yml': url }));
    expect(brief(findings)).toEqual([`warning prefect-db-plugin-password docker-compose.yml:${lineOf(url, 'PREFECT_SERVER_DATABASE_CONNECTION_URL')}`]);
    expect(findings[0]!.message).toContain('AWS RDS IAM authentication and still holds a database password');
  });

  it('passes without a password, and without a plugin', () => {
    const none = edit(withEnv(IAM), 'prefect:${DB_PASSWORD:?set it}@', 'prefect@');
    expect(run(prefectDbPluginPassword, goodStack({ 'docker-compose.yml': none }))).toEqual([]);
    expect(run(prefectDbPluginPassword, goodStack({ 'docker-compose.yml': GOOD_COMPOSE }))).toEqual([]);
  });
});

describe('prefect-db-plugin-ca', () => {
  const CA = '      PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE: /etc/db-ca.pem\n';

  it("reports Prefect's CA file beside a plugin when SSL_CERT_FILE does not name it", () => {
    const compose = withEnv(`${IAM}${CA}`);
    const findings = run(prefectDbPluginCa, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`error prefect-db-plugin-ca docker-compose.yml:${lineOf(compose, 'TLS_CA_FILE')}`]);
    expect(findings[0]!.fix).toBe('SSL_CERT_FILE: "/etc/db-ca.pem"   (the plugin\'s context reads it; the system\'s CA directory stays in use)');
  });

  it('passes with SSL_CERT_FILE naming the same file, or without a plugin', () => {
    expect(run(prefectDbPluginCa, goodStack({ 'docker-compose.yml': withEnv(`${IAM}${CA}      SSL_CERT_FILE: /etc/db-ca.pem\n`) }))).toEqual([]);
    expect(run(prefectDbPluginCa, goodStack({ 'docker-compose.yml': withEnv(CA) }))).toEqual([]);
  });
});

describe('prefect-database-tls-unverified', () => {
  it('warns about ssl=require on an asyncpg URL', () => {
    const compose = edit(GOOD_COMPOSE, '@postgres:5432/prefect', '@db.example.com:5432/prefect?ssl=require');
    const findings = run(prefectDatabaseTlsUnverified, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([`warning prefect-database-tls-unverified docker-compose.yml:${lineOf(compose, 'ssl=require')}`]);
    expect(findings[0]!.message).toContain('ssl=require, which encrypts but trusts any certificate');
  });

  it('passes without ssl= (the TLS settings verify)', () => {
    expect(run(prefectDatabaseTlsUnverified, goodStack({ 'docker-compose.yml': GOOD_COMPOSE }))).toEqual([]);
  });
});

describe('prefect-scale-out-redis', () => {
  const REDIS = '      PREFECT_SERVER_EVENTS_MESSAGING_BROKER: prefect_redis.messaging\n';

  it('reports two API processes that keep their messaging in memory', () => {
    const compose = withProcess(GOOD_COMPOSE, 'prefect-server-2', 'prefect server start');
    const findings = run(prefectScaleOutRedis, goodStack({ 'docker-compose.yml': compose }));
    expect(findings.map((f) => f.message)).toEqual([
      'service prefect-server-2 is one of 2 Prefect server processes (prefect-server-2, prefect-server) without Redis messaging',
      'service prefect-server is one of 2 Prefect server processes (prefect-server-2, prefect-server) without Redis messaging',
    ]);
  });

  it('reports --no-services without a services process, and SQLite shared', () => {
    const apiOnly = withProcess(edit(withEnv(REDIS), 'command: prefect server start', 'command: prefect server start --no-services'), 'prefect-server-2', 'prefect server start --no-services', REDIS);
    expect(run(prefectScaleOutRedis, goodStack({ 'docker-compose.yml': apiOnly })).map((f) => f.message)).toEqual([
      'prefect-server-2, prefect-server start with --no-services, and no service runs `prefect server services start`',
    ]);
    const sqlite = withProcess(withEnv(REDIS), 'prefect-services', 'prefect server services start', REDIS).replace(/postgresql\+asyncpg:\/\/[^\n]*/g, 'sqlite+aiosqlite:////data/prefect.db');
    expect(run(prefectScaleOutRedis, goodStack({ 'docker-compose.yml': sqlite })).map((f) => f.message)).toEqual([
      'service prefect-services shares a SQLite database with 1 other Prefect process',
      'service prefect-server shares a SQLite database with 1 other Prefect process',
    ]);
  });

  it('passes for API replicas and one services process on Redis, with the one-shot migration beside them', () => {
    let compose = edit(withEnv(REDIS), 'command: prefect server start', 'command: prefect server start --no-services');
    compose = withProcess(compose, 'prefect-services', 'prefect server services start', REDIS);
    compose = withProcess(compose, 'prefect-migrate', 'prefect server database upgrade -y');
    expect(run(prefectScaleOutRedis, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});
