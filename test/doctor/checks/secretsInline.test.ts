import { describe, expect, it } from 'vitest';
import { secretsInline } from '../../../src/doctor/checks/secretsInline.js';
import { brief, edit, goodStack, GOOD_CFG, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

describe('secrets-inline', () => {
  it('reports secrets written into compose and the oauth2-proxy config, naming them without their values', () => {
    let compose = edit(GOOD_COMPOSE, 'OAUTH2_PROXY_CLIENT_SECRET: ${CLIENT_SECRET:?set it}', 'OAUTH2_PROXY_CLIENT_SECRET: s3cr3t-client-value');
    compose = edit(compose, 'postgresql+asyncpg://prefect:${DB_PASSWORD:?set it}@', 'postgresql+asyncpg://prefect:hunter2@');
    compose = edit(compose, 'command: ["--config=/etc/oauth2-proxy.cfg"]', 'command: ["--config=/etc/oauth2-proxy.cfg", "--cookie-secret=abcdefghijklmnopqrstuvwxyz012345"]');
    const cfg = `${GOOD_CFG}client_secret = "another-inline-secret"\n`;
    const findings = run(secretsInline, goodStack({ 'docker-compose.yml': compose, 'oauth2-proxy.cfg': cfg }));
    expect(brief(findings)).toEqual([
      `warning secrets-inline docker-compose.yml:${lineOf(compose, 'OAUTH2_PROXY_CLIENT_SECRET')}`,
      `warning secrets-inline docker-compose.yml:${lineOf(compose, '--cookie-secret')}`,
      `warning secrets-inline docker-compose.yml:${lineOf(compose, 'PREFECT_SERVER_DATABASE_CONNECTION_URL')}`,
      'warning secrets-inline oauth2-proxy.cfg:13',
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/s3cr3t|hunter2|abcdefghijklmnop|another-inline/);
  });

  it('passes ${VAR} references to .env', () => {
    expect(run(secretsInline, goodStack())).toEqual([]);
  });

  it("passes an auth string of a user name and a referenced password, and reports one whose password is written in", () => {
    const at = 'PREFECT_SERVER_API_HOST: 0.0.0.0';
    const referenced = edit(GOOD_COMPOSE, at, `${at}\n      PREFECT_SERVER_API_AUTH_STRING: "machines:\${MACHINES_PASSWORD:?set it}"`);
    expect(run(secretsInline, goodStack({ 'docker-compose.yml': referenced }))).toEqual([]);
    const inline = edit(GOOD_COMPOSE, at, `${at}\n      PREFECT_SERVER_API_AUTH_STRING: "machines:hunter2"`);
    expect(brief(run(secretsInline, goodStack({ 'docker-compose.yml': inline })))).toEqual([`warning secrets-inline docker-compose.yml:${lineOf(inline, 'PREFECT_SERVER_API_AUTH_STRING')}`]);
    const halfInline = edit(GOOD_COMPOSE, at, `${at}\n      PREFECT_SERVER_API_AUTH_STRING: "\${USER_NAME}:hunter2"`);
    expect(brief(run(secretsInline, goodStack({ 'docker-compose.yml': halfInline })))).toHaveLength(1);
  });
});
