/**
 * The built CLI in a real terminal (tmux): `init` without --preset or
 * --config in a TTY runs the wizard. Keys are typed as a person would; the
 * screen and the files written are asserted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { questions as q } from '../../src/wizard/messages.js';
import { BIN } from '../helpers/cli.js';
import { QUESTIONS } from './helpers/script.js';
import { shellQuote, tmuxAvailable, TmuxSession } from './helpers/tmux.js';

const HAVE_TMUX = tmuxAvailable();
if (!HAVE_TMUX) {
  const reason = 'tmux is not installed, so the wizard cannot be driven in a real terminal';
  if (process.env.CI === 'true') throw new Error(`${reason}; CI must run this test: install tmux`);
  console.warn(`skipping test/wizard/pty.test.ts: ${reason}`);
}

const EXITED = /\[exited (\d+)\]/;

describe.skipIf(!HAVE_TMUX)('the wizard in a real terminal (tmux, 80x40)', () => {
  let work: string;
  let term: TmuxSession;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'prefect-secure-pty-'));
    // CI is dropped: the CLI never prompts under CI=true, and this test is about prompting.
    const command = `env -u CI -u FORCE_COLOR NO_COLOR=1 ${shellQuote(process.execPath)} ${shellQuote(BIN)} init --out stack; echo "[exited $?]"; sleep 600`;
    term = new TmuxSession(command, { cwd: work });
  });

  afterEach(() => {
    term.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Waits for the question to be asked (fails early if the CLI exits), then answers it. */
  async function answer(question: string, ...keys: (string | { type: string })[]) {
    await term.waitFor(`? ${question}`, { failOn: EXITED });
    for (const key of keys) {
      if (typeof key === 'string') term.press(key);
      else term.type(key.type);
    }
  }

  async function exitCode(): Promise<number> {
    const screen = await term.waitFor(EXITED);
    return Number(EXITED.exec(screen)![1]);
  }

  it('asks, rejects bad answers inline, shows the summary, writes the stack on yes', async () => {
    await term.waitFor('prefect-secure · a secure self-hosted Prefect 3 stack', { failOn: EXITED });
    const first = await term.waitFor(`? ${q.target}`, { failOn: EXITED });
    expect(first).toContain('Kubernetes (not yet available)');
    expect(first).toContain('A server or VM with a domain (https)');
    term.press('Enter');

    await answer(q.name, { type: 'wizard-demo' }, 'Enter');

    const idp = await term.waitFor(`? ${q.identityProvider}`, { failOn: EXITED });
    expect(idp).toContain('- Microsoft Entra ID (needs https: not on the local target)');
    expect(idp).toContain('Okta');
    term.press('Enter');
    await answer(q.bundled, 'Enter');
    await answer(q.realm, 'Enter');
    await answer(q.allowedRoles, 'C-u', { type: 'prefect-user, ops' }, 'Enter');

    await answer(q.uiHost, { type: 'https://flows.localtest.me' }, 'Enter');
    await term.waitFor('must be a bare hostname, not a URL', { failOn: EXITED });
    term.press('C-u');
    term.type('flows.localtest.me');
    term.press('Enter');
    await answer(q.machineHost, 'Enter');
    await answer(q.idpHost, 'Enter');
    await answer(q.port, { type: '70000' }, 'Enter');
    await term.waitFor('must be between 1 and 65535', { failOn: EXITED });
    term.press('C-u');
    term.type('9080');
    term.press('Enter');

    await answer(q.proxy, 'Enter');
    await answer(q.machineUsers, 'C-u', { type: 'ci, deploy' }, 'Enter');
    await answer(q.chosenPasswords, 'Enter');
    await answer(q.database, 'Enter');
    await answer(q.databaseVersion, 'Enter');
    await answer(q.prefectVersion, 'Enter');
    // Both users are checked; uncheck "deploy".
    await answer(q.profiles, 'Down', 'Space', 'Enter');

    const summary = await term.waitFor(`? ${q.confirm}`, { failOn: EXITED });
    expect(summary).toMatch(/Will write \d+ files into stack\/:/);
    expect(summary).toContain('docker-compose.yml');
    expect(existsSync(join(work, 'stack'))).toBe(false);
    term.press('Enter');

    expect(await exitCode()).toBe(0);
    const screen = term.screen();
    for (const line of [
      '✔ Project name wizard-demo',
      '✔ UI hostname (people, SSO) flows.localtest.me',
      '✔ Port 9080',
      '✔ Roles allowed to sign in (comma-separated) prefect-user, ops',
      '✔ Machine users (comma-separated) ci, deploy',
      '✔ Client profiles to write ci',
      '  Hostname people open in the browser (UI and sign-in).',
    ]) {
      expect(screen).toContain(line);
    }
    expect(screen).toContain('http://flows.localtest.me:9080');
    expect(screen).not.toMatch(/Error|at .+:\d+:\d+/);
    for (const line of screen.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    // NO_COLOR: no colour or style codes anywhere on the screen.
    expect(term.screen({ escapes: true })).not.toMatch(/\u001b\[[0-9;]*m/);

    const spec = parse(readFileSync(join(work, 'stack', 'prefect-secure.yaml'), 'utf8'));
    expect(spec).toMatchObject({
      version: 1,
      name: 'wizard-demo',
      target: 'local',
      hosts: { ui: 'flows.localtest.me', machine: 'prefect-api.localtest.me', idp: 'keycloak.localtest.me', port: 9080 },
      identityProvider: { type: 'keycloak', realm: 'prefect', allowedRoles: ['prefect-user', 'ops'] },
      proxy: { type: 'nginx' },
      machineAccess: { users: ['ci', 'deploy'] },
      database: { type: 'postgres', version: '17' },
      clients: { profiles: ['ci'] },
    });
    expect(readFileSync(join(work, 'stack', 'docker-compose.yml'), 'utf8')).toMatch(/^name: "?wizard-demo"?$/m);
    expect(statSync(join(work, 'stack', '.env')).mode & 0o777).toBe(0o600);
    const profiles = readFileSync(join(work, 'stack', 'prefect', 'profiles.toml'), 'utf8');
    expect(profiles).toMatch(/\[profiles\.ci\]/);
    expect(profiles).not.toMatch(/\[profiles\.deploy\]/);
  });

  it('Ctrl-C in the middle stops without a stack trace and writes nothing', async () => {
    await answer(q.target, 'Enter');
    await answer(q.name, 'Enter');
    for (const question of [q.identityProvider, q.bundled, q.realm, q.allowedRoles]) await answer(question, 'Enter');
    await answer(q.uiHost, { type: 'half-typed' }, 'C-c');
    expect(await exitCode()).not.toBe(0);
    const screen = term.screen();
    expect(screen).toContain('nothing was written');
    expect(screen).not.toMatch(/ExitPromptError|SIGINT|at .+:\d+:\d+/);
    expect(existsSync(join(work, 'stack'))).toBe(false);
  });

  it('a "no" at the confirm writes nothing', async () => {
    for (const question of QUESTIONS.filter((question) => question !== q.confirm)) await answer(question, 'Enter');
    await answer(q.confirm, { type: 'n' }, 'Enter');
    expect(await exitCode()).not.toBe(0);
    expect(term.screen()).toContain('nothing was written');
    expect(existsSync(join(work, 'stack'))).toBe(false);
  });
});
