import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function envValues(dir: string): string[] {
  return readFileSync(join(dir, '.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => line.slice(line.indexOf('=') + 1));
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('prefect-secure init (the built CLI)', () => {
  let work: string;
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'prefect-secure-cli-'));
    first = await runCli(['init', '--preset', 'local', '--out', 'stack'], { cwd: work });
  });

  it('renders the local stack and says where', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('✔ Rendered the prefect stack into stack/');
    expect(first.stdout).toContain('http://prefect.localtest.me:8080');
    expect(first.stdout).toContain('cd stack && docker compose up -d');
    expect(listFiles(join(work, 'stack')).sort()).toEqual(
      [
        '.prefect-secure/manifest.json',
        '.env',
        '.env.example',
        '.gitignore',
        'NEXT_STEPS.md',
        'docker-compose.yml',
        'keycloak/prefect-realm.json',
        'oauth2-proxy/oauth2-proxy.cfg',
        'prefect-secure.schema.json',
        'prefect-secure.yaml',
        'prefect/github-actions-deploy.yml',
        'prefect/prefect.toml',
        'prefect/profiles.toml',
        'proxy/htpasswd',
        'proxy/nginx.conf',
      ].sort(),
    );
  });

  it('writes secret files with mode 0600', () => {
    const mode = (path: string) => (statSync(join(work, 'stack', path)).mode & 0o777).toString(8);
    expect(mode('.env')).toBe('600');
    expect(mode('prefect/profiles.toml')).toBe('600');
    expect(mode('docker-compose.yml')).toBe('644');
  });

  it('never prints a secret, and keeps them out of docker-compose.yml', () => {
    const secrets = envValues(join(work, 'stack'));
    expect(secrets.length).toBe(7);
    const compose = readFileSync(join(work, 'stack', 'docker-compose.yml'), 'utf8');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(24);
      expect(first.stdout.includes(secret)).toBe(false);
      expect(compose.includes(secret)).toBe(false);
    }
  });

  it('generates different secrets on every run (CSPRNG, not a fixed seed)', async () => {
    const again = await runCli(['init', '--preset', 'local', '--out', 'second'], { cwd: work });
    expect(again.code).toBe(0);
    const a = envValues(join(work, 'stack'));
    const b = envValues(join(work, 'second'));
    a.forEach((value, i) => expect(value).not.toBe(b[i]));
  });

  it('re-running on its own stack changes nothing and keeps the secrets', async () => {
    const before = readFileSync(join(work, 'stack', '.env'), 'utf8');
    const result = await runCli(['init', '--preset', 'local', '--out', 'stack'], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('stack/ is up to date; nothing changed.');
    expect(readFileSync(join(work, 'stack', '.env'), 'utf8')).toBe(before);
  });

  it('refuses a non-empty folder it did not write, and changes nothing', async () => {
    const mine = join(work, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    const result = await runCli(['init', '--preset', 'local', '--out', 'mine'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out');
    expect(result.stderr).toContain('is not a stack prefect-secure rendered');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(mine)).toEqual(['notes.txt']);
  });

  it('writes into an existing empty folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'prefect-secure-empty-'));
    const result = await runCli(['init', '--preset', 'local', '--out', empty], { cwd: work });
    expect(result.code).toBe(0);
    expect(existsSync(join(empty, 'docker-compose.yml'))).toBe(true);
  });

  it('lists every problem of a bad spec with file and line, exits 2 and writes nothing', async () => {
    writeFileSync(join(work, 'bad.yaml'), 'version: 1\nname: Bad Name\nhosts:\n  ui: https://prefect.localtest.me/\n  port: 99999\nproxy:\n  typ: nginx\n');
    const result = await runCli(['init', '--config', 'bad.yaml', '--out', 'from-bad'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // Long lines wrap at 80 columns; compare the text with its line breaks folded.
    const flat = result.stderr.replace(/\s*\n\s*/g, ' ');
    expect(flat).toContain('error: 4 problems in');
    expect(flat).toContain('nothing was written');
    expect(flat).toMatch(/bad\.yaml:2 name: must start with a lowercase letter/);
    expect(flat).toMatch(/bad\.yaml:4 hosts\.ui: must be a bare hostname, not a URL/);
    expect(flat).toMatch(/bad\.yaml:5 hosts\.port: must be between 1 and 65535/);
    expect(flat).toMatch(/bad\.yaml:7 proxy\.typ: is not a known key of proxy fix: did you mean "type"\?/);
    expect(result.stderr.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, 'from-bad'))).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes('prefect-secure-'))).toEqual([]);
  });

  it('renders from a spec file, writing the spec into the stack in canonical form', async () => {
    writeFileSync(join(work, 'custom.yaml'), '# my stack\nversion: 1\nname: team\nhosts:\n  port: 9443\n');
    const result = await runCli(['init', '--config', 'custom.yaml', '--out', 'custom'], { cwd: work });
    expect(result.code).toBe(0);
    const spec = readFileSync(join(work, 'custom', 'prefect-secure.yaml'), 'utf8');
    expect(spec.split('\n')[0]).toBe('# yaml-language-server: $schema=./prefect-secure.schema.json');
    expect(spec).toContain('name: team\n');
    expect(spec).toContain('  port: 9443\n');
    expect(spec).toContain('  bind: "127.0.0.1"\n');
    expect(readFileSync(join(work, 'custom', 'docker-compose.yml'), 'utf8')).toContain('published: 9443');
  });

  it('keeps the comments of the stack own spec file when re-rendering from it', async () => {
    const own = join(work, 'custom', 'prefect-secure.yaml');
    const text = `${readFileSync(own, 'utf8')}# a note of mine\n`;
    writeFileSync(own, text);
    const result = await runCli(['render', 'custom'], { cwd: work });
    expect(result.code).toBe(0);
    expect(readFileSync(own, 'utf8')).toBe(text);
  });

  it.each([
    [['init', '--config', 'missing.yaml'], 'does not exist'],
    [['init', '--preset', 'local', '--config', 'x.yaml', '--out', 'x'], 'cannot be combined with --config'],
    [['init', '--preset', 'cloud'], "argument 'cloud' is invalid"],
    [['init', '--out', 'nothing'], 'target: is not set, and there is no terminal to ask in'],
    [['init', '--bogus'], "unknown option '--bogus'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['init', '--preset', 'local', '--out', 'bad.yaml'], 'exists and is not a folder'],
    [['init', '--preset', 'local', '--out', 'bad.yaml/inside'], 'is in the way: a file stands where a folder must be (EEXIST)'],
    [['render', 'mine'], 'mine is not a stack folder: it has no prefect-secure.yaml'],
    [['render'], '. is not a stack folder: it has no prefect-secure.yaml'],
    [['rotate', 'cookie-secret', '--dir', 'mine'], 'mine is not a stack folder: it has no prefect-secure.yaml'],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const result = await runCli(args, { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr.replace(/\s*\n\s*/g, ' ')).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('asks for a chosen password through the environment, and says which variable is missing', async () => {
    writeFileSync(join(work, 'chosen.yaml'), 'version: 1\nmachineAccess:\n  users: [ci, {name: ops, password: env:OPS_PASSWORD}]\nclients:\n  profiles: [ci]\n');
    const missing = await runCli(['init', '--config', 'chosen.yaml', '--out', 'chosen'], { cwd: work });
    expect(missing.code).toBe(2);
    expect(missing.stderr.replace(/\s*\n\s*/g, ' ')).toContain('the environment variable OPS_PASSWORD is not set');
    expect(existsSync(join(work, 'chosen'))).toBe(false);
    const given = await runCli(['init', '--config', 'chosen.yaml', '--out', 'chosen'], { cwd: work, env: { OPS_PASSWORD: 'correct horse battery staple' } });
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('! machine user "ops" has a password you chose: it is stored as bcrypt');
    expect(readFileSync(join(work, 'chosen', 'proxy', 'htpasswd'), 'utf8')).toMatch(/^ops:\$2y\$10\$/m);
    expect(readFileSync(join(work, 'chosen', '.env'), 'utf8')).not.toContain('correct horse');
  });

  it('refuses a chosen password shorter than 16 characters, naming the variable', async () => {
    writeFileSync(join(work, 'short.yaml'), 'version: 1\nmachineAccess:\n  users: [{name: ops, password: env:OPS_PASSWORD}]\n');
    const short = await runCli(['init', '--config', 'short.yaml', '--out', 'short'], { cwd: work, env: { OPS_PASSWORD: 'hunter2' } });
    expect(short.code).toBe(2);
    expect(short.stderr.replace(/\s*\n\s*/g, ' ')).toContain('refers to env:OPS_PASSWORD, but the password in OPS_PASSWORD has 7 characters; a machine password needs at least 16');
    expect(short.stderr).not.toContain('hunter2');
    expect(existsSync(join(work, 'short'))).toBe(false);
  });

  it('a chosen password is written only into the profile that asks for it, and NEXT_STEPS says where it is', async () => {
    const env = { OPS_PASSWORD: 'correct horse battery staple' };
    writeFileSync(join(work, 'where.yaml'), 'version: 1\nmachineAccess:\n  users: [ci, {name: ops, password: env:OPS_PASSWORD}]\n');
    expect((await runCli(['init', '--config', 'where.yaml', '--out', 'where'], { cwd: work, env })).code).toBe(0);
    expect(readFileSync(join(work, 'where', 'prefect', 'profiles.toml'), 'utf8')).not.toContain('[profiles.ops]');
    expect(readFileSync(join(work, 'where', 'NEXT_STEPS.md'), 'utf8')).toContain('your environment variable `OPS_PASSWORD` only (in no file of the stack)');
    writeFileSync(join(work, 'asked.yaml'), 'version: 1\nmachineAccess:\n  users: [ci, {name: ops, password: env:OPS_PASSWORD}]\nclients:\n  profiles: [ci, ops]\n');
    expect((await runCli(['init', '--config', 'asked.yaml', '--out', 'asked'], { cwd: work, env })).code).toBe(0);
    expect(readFileSync(join(work, 'asked', 'prefect', 'profiles.toml'), 'utf8')).toContain('"ops:correct horse battery staple"');
    expect(readFileSync(join(work, 'asked', 'NEXT_STEPS.md'), 'utf8')).toContain('your environment variable `OPS_PASSWORD`; written into `prefect/profiles.toml` as the auth string of "ops"');
  });

  it('render --check in a checkout without the chosen password (CI) compares the committed files and says what it skipped', async () => {
    const env = { OPS_PASSWORD: 'correct horse battery staple' };
    writeFileSync(join(work, 'ci.yaml'), 'version: 1\nmachineAccess:\n  users: [ci, {name: ops, password: env:OPS_PASSWORD}]\n');
    expect((await runCli(['init', '--config', 'ci.yaml', '--out', 'cistack'], { cwd: work, env })).code).toBe(0);
    const clean = await runCli(['render', 'cistack', '--check'], { cwd: work });
    expect(clean.code).toBe(0);
    expect(clean.stderr.replace(/\s*\n\s*/g, ' ')).toContain('Note: OPS_PASSWORD is not set here, so the git-ignored files (.env, proxy/htpasswd and prefect/profiles.toml) were not compared.');
    // Drift in a committed file is still found.
    const compose = join(work, 'cistack', 'docker-compose.yml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace('restart: "unless-stopped"', 'restart: "always"'));
    expect((await runCli(['render', 'cistack', '--check'], { cwd: work })).code).toBe(1);
  });

  it('prints the spec JSON Schema', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.title).toBe('prefect-secure spec');
    expect(schema.properties.hosts.properties.port.maximum).toBe(65535);
  });

  it('shows help and version with exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/init .*render a complete stack/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
