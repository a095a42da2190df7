/** `prefect-secure doctor`: exit codes, human output, --only/--skip, --json against its schema, --live wiring. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { runDoctor, type DoctorDeps, type DoctorOptions } from '../../src/commands/doctor.js';
import type { LiveInput } from '../../src/doctor/live/index.js';
import { REPORT_SCHEMA, type Report } from '../../src/doctor/report.js';
import type { Io } from '../../src/io.js';
import { edit, goodStack, GOOD_CFG, type Files } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/doctor/', import.meta.url));

function fakeIo(color = false): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    color,
    isTTY: false,
    env: {},
    cwd: FIXTURES,
    stdout: () => out,
    stderr: () => err,
  };
}

async function doctor(dir: string | undefined, options: DoctorOptions = {}, deps: DoctorDeps = {}, color = false) {
  const io = fakeIo(color);
  const code = await runDoctor(dir, options, io, deps);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'prefect-secure-doctor-cmd-'));
  const stacks: Record<string, Files> = {
    good: goodStack(),
    empty: {},
    warnings: goodStack({ 'oauth2-proxy.cfg': edit(GOOD_CFG, 'allowed_roles = ["prefect-user"]\n', '') }),
  };
  for (const [name, files] of Object.entries(stacks)) {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(tmp, name, path, '..'), { recursive: true });
      writeFileSync(join(tmp, name, path), content);
    }
    mkdirSync(join(tmp, name), { recursive: true });
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('exit codes', () => {
  it('1 when there is at least one error', async () => {
    expect((await doctor('forum-keycloak-localhost')).code).toBe(1);
  });

  it('0 for a clean stack and for one with only warnings', async () => {
    expect((await doctor(join(tmp, 'good'))).code).toBe(0);
    const warned = await doctor(join(tmp, 'warnings'));
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('Warnings (1)');
  });

  it('2 with a message for a missing folder, a file, bad flags and unknown check ids', async () => {
    const missing = await doctor('no-such-folder');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('no-such-folder does not exist')]);
    expect((await doctor('traefik-google/docker-compose.yml')).stderr).toContain('is a file, not a folder');
    const timeout = await doctor('traefik-google', { timeout: '5s' });
    expect([timeout.code, timeout.stderr]).toEqual([2, expect.stringContaining('--timeout must be a whole number of milliseconds from 1 to 600000, not "5s"')]);
    // Past Node's timer range (2^31 ms) would fire at once: refused, not an internal error.
    for (const huge of ['2147483648', '99999999999999999999']) expect((await doctor('traefik-google', { timeout: huge })).code).toBe(2);
    const unknown = await doctor('traefik-google', { only: 'issuer-formt' });
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('no check is called "issuer-formt" (did you mean issuer-format?)')]);
  });

  it('2 when the folder holds nothing to check, saying what was looked for', async () => {
    const result = await doctor(join(tmp, 'empty'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing to check in');
    expect(result.stderr).toContain('compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml');
    expect(result.stderr).toContain('a Caddyfile');
  });
});

describe('human output', () => {
  it('a line per check, findings grouped by severity with file:line, why and fix, then the summary', async () => {
    const { stdout } = await doctor('nginx-entra-handwritten');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('prefect-secure doctor nginx-entra-handwritten');
    // Titles are shortened with … to keep every line within 80 columns.
    expect(stdout).toContain('  ✔ issuer-split-brain — URLs containers call resolve to the same service as in…');
    // Only a single word longer than a line (a URL in a fix) may run past 80 columns.
    for (const line of stdout.split('\n')) if ([...line].length > 80) expect(line.trim()).not.toContain(' ');
    expect(stdout).toContain("  ✖ issuer-format — oauth2-proxy's issuer has the provider's exact fo… (1 error)");
    expect(stdout).toContain('  ! oauth2-proxy-deprecated-provider — oauth2-proxy uses a current… (1 warning)');
    expect(stdout).toContain('  - traefik-label-dollar — not applicable (nothing here it reads)');
    const errorsAt = stdout.indexOf('\nErrors (11)\n');
    const warningsAt = stdout.indexOf('\nWarnings (3)\n');
    expect(errorsAt).toBeGreaterThan(0);
    expect(warningsAt).toBeGreaterThan(errorsAt);
    expect(stdout).toContain('  ✖ oauth2-proxy/oauth2-proxy.cfg:2  [issuer-format]\n');
    // Long lines wrap at word boundaries; the fix is intact once unwrapped.
    expect(stdout.replace(/\n +/g, ' ')).toContain('fix: oidc_issuer_url = "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0"');
    expect(stdout).toMatch(/\n    why: /);
    expect(lines.filter(Boolean).at(-1)).toMatch(/^11 errors, 3 warnings, \d+ checks passed$/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours only when the Io allows it', async () => {
    expect((await doctor('nginx-entra-handwritten', {}, {}, true)).stdout).toContain('\u001b[31m✖\u001b[39m');
  });

  it('--only runs just those checks; --skip leaves them out', async () => {
    const only = await doctor('traefik-google', { only: 'traefik-label-dollar,prefect-api-url-format' });
    expect(only.stdout.match(/^ {2}[✔✖!-] \S+ — /gm)).toHaveLength(2);
    expect(only.stdout.split('\n').filter(Boolean).at(-1)).toBe('1 errors, 1 warnings, 0 checks passed');
    const skip = await doctor('traefik-google', { skip: 'traefik-label-dollar' });
    expect(skip.stdout).not.toContain('traefik-label-dollar');
  });
});

describe('--json', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(REPORT_SCHEMA);

  it('prints a report that validates against the documented schema', async () => {
    for (const name of ['forum-keycloak-localhost', 'traefik-google', 'nginx-entra-handwritten', join(tmp, 'good')]) {
      const { stdout } = await doctor(name, { json: true });
      const report = JSON.parse(stdout) as Report;
      const valid = validate(report);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('prints a usage error as JSON on stdout (exit 2), in the documented schema, whatever stops it', async () => {
    const cases: [string | undefined, DoctorOptions, RegExp][] = [
      ['traefik-google', { json: true, timeout: 'soon' }, /--timeout must be a whole number/],
      ['traefik-google', { json: true, only: 'secrets-inlined' }, /no check is called "secrets-inlined" \(did you mean secrets-inline\?\)/],
      ['no-such-folder', { json: true }, /no-such-folder does not exist/],
      [join(tmp, 'empty'), { json: true }, /nothing to check in/],
    ];
    for (const [dir, options, message] of cases) {
      const { stdout, stderr, code } = await doctor(dir, options);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      const json = JSON.parse(stdout) as { usageError: { message: string; fix: string } };
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(json.usageError.message).toMatch(message);
      expect(json.usageError.fix.length).toBeGreaterThan(10);
    }
    // An option the parser refuses never reaches doctor; the CLI still answers in the same JSON shape.
    const io = fakeIo();
    expect(await main(['doctor', '--json', '--frobnicate'], io)).toBe(2);
    const json = JSON.parse(io.stdout()) as { usageError: { message: string } };
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.usageError.message).toMatch(/unknown option '--frobnicate'/);
  });

  it('holds the checks, sorted findings and a summary that agrees with them', async () => {
    const { stdout, code } = await doctor('traefik-google', { json: true });
    const report = JSON.parse(stdout) as Report;
    expect(code).toBe(1);
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: 'prefect-secure' }, directory: 'traefik-google', live: false });
    expect(report.files).toEqual(['.env', 'docker-compose.yml', 'oauth2-proxy.env']);
    expect(report.summary.errors).toBe(report.findings.filter((f) => f.severity === 'error').length);
    expect(report.summary.passed + report.summary.failed + report.summary.warned + report.summary.skipped + report.summary.crashed).toBe(report.checks.length);
    expect(report.findings[0]).toEqual({
      id: 'traefik-label-dollar',
      severity: 'error',
      file: 'docker-compose.yml',
      line: 17,
      message: 'label traefik.http.middlewares.admin-auth.basicauth.users of traefik has a single "$", which compose treats as a variable',
      why: expect.any(String),
      fix: expect.stringContaining('$$apr1$$'),
    });
    const severities = report.findings.map((f) => f.severity);
    expect(severities).toEqual([...severities].sort());
  });

  it('is rejected by the schema when a required field is missing (the test can fail)', () => {
    expect(validate({ schemaVersion: 1 })).toBe(false);
  });
});

describe('--live', () => {
  it('passes the derived targets to the live checks and merges their results', async () => {
    let received: LiveInput | undefined;
    const runLive = async (input: LiveInput) => {
      received = input;
      return [
        {
          id: 'live-issuer-match',
          title: 'Discovered issuer equals the configured issuer',
          status: 'failed' as const,
          durationMs: 3,
          findings: [{ id: 'live-issuer-match', severity: 'error' as const, file: 'oauth2-proxy.cfg', line: 2, message: 'host differs' }],
        },
        { id: 'live-jwks', title: 'JWKS is reachable and has signing keys', status: 'passed' as const, durationMs: 2, findings: [] },
      ];
    };
    const result = await doctor(join(tmp, 'good'), { live: true, timeout: '1234', json: true }, { runLive });
    expect(received).toEqual({
      issuers: [{ issuerUrl: 'http://keycloak.localtest.me:8080/realms/prefect', source: { file: 'oauth2-proxy.cfg', line: 2 }, expectPkce: true }],
      proxies: [
        {
          startUrl: 'http://prefect.localtest.me:8080/oauth2/start',
          redirectUrl: 'http://prefect.localtest.me:8080/oauth2/callback',
          clientId: 'prefect',
          issuerUrl: 'http://keycloak.localtest.me:8080/realms/prefect',
          source: { file: 'oauth2-proxy.cfg', line: 4 },
        },
      ],
      // The gate probe: the one public host that serves Prefect, with no client signing in there.
      gates: [{ origin: 'http://prefect.localtest.me:8080', host: 'prefect.localtest.me', source: { file: 'nginx.conf', line: expect.any(Number) }, clients: [], clientCaFiles: [] }],
      stackDir: join(tmp, 'good'),
      timeoutMs: 1234,
    });
    const report = JSON.parse(result.stdout) as Report;
    expect(result.code).toBe(1);
    expect(report.live).toBe(true);
    expect(report.checks.map((c) => c.id)).toContain('live-issuer-match');
    expect(report.findings.map((f) => f.id)).toEqual(['live-issuer-match']);
  });

  it('probes no issuer whose discovery oauth2-proxy switches off (skip_oidc_discovery)', async () => {
    const dir = join(tmp, 'no-discovery');
    cpSync(join(tmp, 'good'), dir, { recursive: true });
    writeFileSync(join(dir, 'oauth2-proxy.cfg'), `${readFileSync(join(dir, 'oauth2-proxy.cfg'), 'utf8')}skip_oidc_discovery = true\nlogin_url = "http://keycloak.localtest.me:8080/realms/prefect/protocol/openid-connect/auth"\n`);
    let received: LiveInput | undefined;
    await doctor(dir, { live: true, json: true }, { runLive: async (input: LiveInput) => ((received = input), []) });
    expect(received!.issuers).toEqual([]);
    expect(received!.proxies).toEqual([]);
    expect(received!.gates).toHaveLength(1);
  });

  it('accepts live check ids in --only, and runs no static check then', async () => {
    const runLive = async () => [{ id: 'live-jwks', title: 'JWKS', status: 'passed' as const, durationMs: 1, findings: [] }];
    const result = await doctor(join(tmp, 'good'), { live: true, only: 'live-jwks' }, { runLive });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^ {2}[✔✖!-] \S+ — /gm)).toEqual(['  ✔ live-jwks — ']);
  });
});
