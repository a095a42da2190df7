/** Re-rendering an existing stack: reuse, drift detection, hand edits, atomicity, rotation. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runInit } from '../../src/commands/init.js';
import { runRotate } from '../../src/commands/rotate.js';
import { UserError } from '../../src/errors.js';
import type { FollowUpStep } from '../../src/plan/types.js';
import { parseEnvFile } from '../../src/stack/envFile.js';
import { recoverInterrupted, type FsOps } from '../../src/write/transaction.js';
import { memoryIo } from '../helpers/io.js';
import { snapshot } from '../helpers/snapshot.js';


const rerender = { config: 'stack/prefect-secure.yaml', out: 'stack' };

describe('re-rendering a stack', () => {
  let work: string;
  let original: Record<string, string>;

  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'prefect-secure-regen-'));
    expect(await runInit({ preset: 'local', out: 'stack' }, memoryIo(work).io)).toBe(0);
    original = snapshot(join(work, 'stack'));
  });

  it('is byte-identical with an unchanged spec, reusing every secret', async () => {
    const run = memoryIo(work);
    expect(await runInit(rerender, run.io)).toBe(0);
    expect(snapshot(join(work, 'stack'))).toEqual(original);
    expect(run.stdout()).toContain('is up to date; nothing changed');
  });

  it('--check exits 0 when nothing would change and 1 on drift, writing nothing', async () => {
    expect(await runInit({ ...rerender, check: true }, memoryIo(work).io)).toBe(0);
    const spec = join(work, 'stack', 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const run = memoryIo(work);
    expect(await runInit({ ...rerender, check: true }, run.io)).toBe(1);
    expect(run.stdout()).toMatch(/update\s+docker-compose\.yml/);
    expect(run.stdout()).toContain('-      - target: 8080\n-        published: 8080\n+      - target: 9090\n+        published: 9090');
    const after = snapshot(join(work, 'stack'));
    expect({ ...after, 'prefect-secure.yaml': original['prefect-secure.yaml'] }).toEqual(original);
  });

  it('--check in a checkout without the git-ignored secret files reports no drift', async () => {
    for (const path of ['.env', 'prefect/profiles.toml', 'proxy/htpasswd']) fs.rmSync(join(work, 'stack', path));
    const run = memoryIo(work);
    expect(await runInit({ ...rerender, check: true }, run.io)).toBe(0);
    expect(run.stdout()).toContain('matches the spec');
    const spec = join(work, 'stack', 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('realm: prefect', 'realm: team'));
    expect(await runInit({ ...rerender, check: true }, memoryIo(work).io)).toBe(1);
  });

  it('applies a spec change to exactly the files it affects', async () => {
    const spec = join(work, 'stack', 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const run = memoryIo(work);
    expect(await runInit(rerender, run.io)).toBe(0);
    const after = snapshot(join(work, 'stack'));
    const changed = Object.keys(after).filter((path) => after[path] !== original[path]).sort();
    expect(changed).toEqual(
      ['.prefect-secure/manifest.json', 'NEXT_STEPS.md', 'docker-compose.yml', 'keycloak/prefect-realm.json', 'oauth2-proxy/oauth2-proxy.cfg', 'prefect-secure.yaml', 'prefect/github-actions-deploy.yml', 'prefect/prefect.toml', 'prefect/profiles.toml', 'proxy/nginx.conf'].sort(),
    );
    expect(after['.env']).toBe(original['.env']);
    expect(after['proxy/htpasswd']).toBe(original['proxy/htpasswd']);
    expect(run.stdout()).toContain('docker compose up -d --force-recreate keycloak nginx oauth2-proxy');
  });

  it('protects a hand-edited file: shows the diff, writes nothing, exits 2', async () => {
    const nginx = join(work, 'stack', 'proxy', 'nginx.conf');
    writeFileSync(nginx, readFileSync(nginx, 'utf8').replace('client_max_body_size 16m;', 'client_max_body_size 64m;'));
    const spec = join(work, 'stack', 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const edited = snapshot(join(work, 'stack'));
    const run = memoryIo(work);
    await expect(runInit(rerender, run.io)).rejects.toThrow(UserError);
    expect(run.stdout()).toMatch(/conflict\s+proxy\/nginx\.conf/);
    expect(run.stdout()).toContain('-    client_max_body_size 64m;\n+    client_max_body_size 16m;');
    expect(snapshot(join(work, 'stack'))).toEqual(edited);
  });

  it('init with another spec refuses to revert a changed stack (naming the fields), writes nothing; --force replaces it', async () => {
    // The stack's own spec, changed through flags, as a person would.
    expect(await runInit({ ...rerender, fields: { port: '9000' } }, memoryIo(work).io)).toBe(0);
    const changed = snapshot(join(work, 'stack'));
    const again = runInit({ preset: 'local', out: 'stack' }, memoryIo(work).io);
    await expect(again).rejects.toMatchObject({
      problems: [expect.objectContaining({ path: 'stack', message: expect.stringContaining('this spec differs from it (hosts.port: 9000 -> 8080), so init would revert those changes') })],
    });
    expect(snapshot(join(work, 'stack'))).toEqual(changed);
    // The same spec is a plain re-render; --force replaces the spec on purpose.
    expect(await runInit({ preset: 'local', out: 'stack', fields: { port: '9000' } }, memoryIo(work).io)).toBe(0);
    expect(await runInit({ preset: 'local', out: 'stack', force: true }, memoryIo(work).io)).toBe(0);
    expect(readFileSync(join(work, 'stack', 'prefect-secure.yaml'), 'utf8')).toContain('port: 8080');
  });

  it('--force overwrites the hand edit', async () => {
    const nginx = join(work, 'stack', 'proxy', 'nginx.conf');
    writeFileSync(nginx, `${readFileSync(nginx, 'utf8')}# mine\n`);
    expect(await runInit({ ...rerender, force: true }, memoryIo(work).io)).toBe(0);
    expect(readFileSync(nginx, 'utf8')).toBe(original['proxy/nginx.conf']);
  });

  it('--dry-run shows the diffs, never a secret, and writes nothing', async () => {
    const spec = join(work, 'stack', 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const before = snapshot(join(work, 'stack'));
    const run = memoryIo(work);
    expect(await runInit({ ...rerender, dryRun: true }, run.io)).toBe(0);
    expect(snapshot(join(work, 'stack'))).toEqual(before);
    expect(run.stdout()).toContain('prefect/profiles.toml\n(holds secrets: content not shown)');
    for (const value of Object.values(parseEnvFile(before['.env']!))) expect(run.stdout().includes(value)).toBe(false);
  });

  it('leaves the previous stack exactly as it was when a write fails midway', async () => {
    const spec = join(work, 'stack', 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const before = snapshot(join(work, 'stack'));
    let renames = 0;
    const failing: FsOps = {
      ...fs,
      renameSync: (from, to) => {
        // Fail on the fourth swap, after several files were already replaced.
        if (++renames === 7) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        fs.renameSync(from, to);
      },
    };
    await expect(runInit(rerender, memoryIo(work).io, { fs: failing })).rejects.toThrow('ENOSPC');
    expect(renames).toBeGreaterThan(6);
    expect(snapshot(join(work, 'stack'))).toEqual(before);
  });

  it('undoes a run killed mid-swap: --check refuses, the next run restores, then applies', async () => {
    const stack = join(work, 'stack');
    const spec = join(stack, 'prefect-secure.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('port: 8080', 'port: 9090'));
    const before = snapshot(stack);
    // A process killed mid-swap: from the sixth rename on, every file operation fails,
    // so the in-process rollback cannot run either; the disk is left half swapped.
    let renames = 0;
    let dead = false;
    const die = () => {
      dead = true;
      throw new Error('killed');
    };
    const killed: FsOps = {
      ...fs,
      renameSync: (from, to) => (dead || ++renames === 6 ? die() : fs.renameSync(from, to)),
      rmSync: (path, options) => (dead ? die() : fs.rmSync(path, options)),
      writeFileSync: (path, data, options) => (dead ? die() : fs.writeFileSync(path, data, options)),
      mkdirSync: (path, options) => (dead ? die() : fs.mkdirSync(path, options)),
    };
    await expect(runInit(rerender, memoryIo(work).io, { fs: killed })).rejects.toThrow('killed');
    const halfDone = snapshot(stack);
    expect(halfDone).not.toEqual(before);
    expect(Object.keys(halfDone).some((path) => path.startsWith('.prefect-secure/txn/old/'))).toBe(true);

    // --check writes nothing, not even a recovery, and says what to do.
    await expect(runInit({ ...rerender, check: true }, memoryIo(work).io)).rejects.toThrow(/left half done/);
    expect(snapshot(stack)).toEqual(halfDone);

    // The journal alone is enough to put every file back as it was.
    expect(recoverInterrupted(stack)).toBe(true);
    expect(snapshot(stack)).toEqual(before);

    // And a normal run after a crash restores first, then applies the change whole.
    dead = false;
    renames = 0;
    await expect(runInit(rerender, memoryIo(work).io, { fs: killed })).rejects.toThrow('killed');
    expect(snapshot(stack)).toEqual(halfDone);
    const next = memoryIo(work);
    expect(await runInit(rerender, next.io)).toBe(0);
    expect(next.stderr()).toContain('A previous run was interrupted');
    expect(readFileSync(join(stack, 'docker-compose.yml'), 'utf8')).toContain('published: 9090');
    expect(existsSync(join(stack, '.prefect-secure', 'txn'))).toBe(false);
  });

  it('says what to do when the journal is damaged, instead of failing on it', async () => {
    const stack = join(work, 'stack');
    fs.mkdirSync(join(stack, '.prefect-secure', 'txn'), { recursive: true });
    writeFileSync(join(stack, '.prefect-secure', 'txn', 'journal.json'), '{bad');
    await expect(runInit(rerender, memoryIo(work).io)).rejects.toMatchObject({
      problems: [expect.objectContaining({ path: '.prefect-secure/txn/journal.json', message: expect.stringContaining('is damaged') })],
    });
  });

  it('lets one run at a time work on a stack; a stale lock is taken over', async () => {
    const lock = join(work, 'stack', '.prefect-secure', 'lock');
    writeFileSync(lock, String(process.ppid)); // a live process that is not this one
    await expect(runInit(rerender, memoryIo(work).io)).rejects.toThrow(/another prefect-secure run \(pid \d+\) is working on this stack/);
    writeFileSync(lock, '999999999'); // no such process
    expect(await runInit(rerender, memoryIo(work).io)).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses a reused secret the stack cannot carry, naming it and never printing it', async () => {
    const env = join(work, 'stack', '.env');
    writeFileSync(env, readFileSync(env, 'utf8').replace(/^POSTGRES_PASSWORD=.*$/m, "POSTGRES_PASSWORD='Hunter2s@ecret'"));
    const run = memoryIo(work);
    const error = await runInit(rerender, run.io).catch((e: unknown) => e);
    expect(error).toMatchObject({ source: '.env', problems: [expect.objectContaining({ path: 'POSTGRES_PASSWORD' })] });
    expect(JSON.stringify(error)).not.toContain('Hunter2');
    expect(run.stdout() + run.stderr()).not.toContain('Hunter2');
  });

  it('refuses a non-empty folder that is not a stack', async () => {
    const other = join(work, 'other');
    fs.mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    await expect(runInit({ preset: 'local', out: 'other' }, memoryIo(work).io)).rejects.toThrow(/is not a stack prefect-secure rendered/);
    expect(readdirSync(other)).toEqual(['notes.txt']);
  });
});

describe('rotate', () => {
  let work: string;
  let original: Record<string, string>;

  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'prefect-secure-rotate-'));
    expect(await runInit({ preset: 'local', out: 'stack' }, memoryIo(work).io)).toBe(0);
    original = snapshot(join(work, 'stack'));
  });

  it('changes exactly the chosen secrets and the files that hold them', async () => {
    const run = memoryIo(work);
    expect(await runRotate(['cookie-secret', 'machine:ci'], { dir: 'stack' }, run.io)).toBe(0);
    const after = snapshot(join(work, 'stack'));
    const before = parseEnvFile(original['.env']!);
    const now = parseEnvFile(after['.env']!);
    const changedSecrets = Object.keys(before).filter((name) => before[name] !== now[name]);
    expect(changedSecrets.sort()).toEqual(['OAUTH2_PROXY_COOKIE_SECRET', 'PREFECT_MACHINE_CI_PASSWORD']);
    const changedFiles = Object.keys(after).filter((path) => after[path] !== original[path]).sort();
    expect(changedFiles).toEqual(['.env', '.prefect-secure/manifest.json', 'prefect/profiles.toml', 'proxy/htpasswd']);
    const [ciBefore, workerBefore] = original['proxy/htpasswd']!.split('\n');
    const [ciAfter, workerAfter] = after['proxy/htpasswd']!.split('\n');
    expect(ciAfter).not.toBe(ciBefore);
    expect(workerAfter).toBe(workerBefore);
    expect(run.stdout()).toContain('docker compose up -d --force-recreate nginx oauth2-proxy');
    expect(run.stdout()).toContain('Every signed-in person has to sign in again.');
    for (const value of Object.values(now)) expect(run.stdout().includes(value)).toBe(false);
  });

  it('rejects unknown names and lists the choices', async () => {
    await expect(runRotate(['cookie'], { dir: 'stack' }, memoryIo(work).io)).rejects.toThrow(/cookie: is not a secret of this stack/);
    await expect(runRotate([], { dir: 'stack' }, memoryIo(work).io)).rejects.toThrow(/name at least one secret/);
    expect(snapshot(join(work, 'stack'))).toEqual(original);
  });

  it('--json carries the same follow-up steps as the human output (the database keeps its old password)', async () => {
    const human = memoryIo(work);
    expect(await runRotate(['db-password'], { dir: 'stack' }, human.io)).toBe(0);
    const json = memoryIo(work);
    expect(await runRotate(['db-password', 'cookie-secret'], { dir: 'stack', json: true }, json.io)).toBe(0);
    const report = JSON.parse(json.stdout()) as { followUps: FollowUpStep[]; rotated: string[] };
    expect(report.rotated.sort()).toEqual(['OAUTH2_PROXY_COOKIE_SECRET', 'POSTGRES_PASSWORD']);
    const alter = report.followUps.find((step) => step.command?.includes('ALTER USER prefect PASSWORD'));
    expect(alter).toMatchObject({ when: 'after', then: 'docker compose up -d --force-recreate prefect-server' });
    expect(report.followUps).toContainEqual({ when: 'after', text: 'Every signed-in person has to sign in again.' });
    expect(human.stdout()).toContain(`  - ${alter!.text}\n      ${alter!.command}\n    then: ${alter!.then}`);
  });

  it('Keycloak secrets: the steps that tell the running Keycloak come before the recreate, the admin password last', async () => {
    const human = memoryIo(work);
    expect(await runRotate(['keycloak-admin', 'client-secret', 'demo-password'], { dir: 'stack' }, human.io)).toBe(0);
    const out = human.stdout();
    const first = out.indexOf('First, while the running stack still has the old values, in stack/:');
    const apply = out.indexOf('Apply the changes to a running stack:');
    expect(first).toBeGreaterThan(-1);
    expect(apply).toBeGreaterThan(first);
    const order = ['OAUTH2_PROXY_CLIENT_SECRET', 'KEYCLOAK_DEMO_PASSWORD', 'KEYCLOAK_ADMIN_PASSWORD'].map((name) => out.indexOf(`sed -n 's/^${name}=//p' .env | docker compose exec -T keycloak bash -c`));
    expect(order.every((at) => at > first && at < apply), out).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('a changed realm file on an existing stack: render says how the running Keycloak gets the client settings', async () => {
    const spec = join(work, 'stack', 'prefect-secure.yaml');
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace(/ui: \S+/, 'ui: ui.localtest.me'));
    const json = memoryIo(work);
    expect(await runInit({ ...rerender, json: true }, json.io)).toBe(0);
    const report = JSON.parse(json.stdout()) as { followUps: FollowUpStep[]; restart: string[] };
    expect(report.restart).toContain('keycloak');
    expect(report.followUps).toHaveLength(1);
    expect(report.followUps[0]).toMatchObject({ when: 'after' });
    expect(report.followUps[0]!.command).toContain('\\"redirectUris\\":[\\"http://ui.localtest.me:8080/oauth2/callback\\"]');
    // Unchanged realm file: no step.
    const again = memoryIo(work);
    expect(await runInit({ ...rerender, json: true }, again.io)).toBe(0);
    expect((JSON.parse(again.stdout()) as { followUps: unknown[] }).followUps).toEqual([]);
  });

  it('refuses to write new secrets when .env is gone from a stack rendered with it, and says how to go on', async () => {
    fs.rmSync(join(work, 'stack', '.env'));
    const without = snapshot(join(work, 'stack'));
    const refused = runInit(rerender, memoryIo(work).io);
    await expect(refused).rejects.toMatchObject({
      problems: [
        expect.objectContaining({
          path: 'stack/.env',
          message: expect.stringContaining('is missing, though this stack was rendered with it'),
          fix: expect.stringContaining('restore .env from your backup and run again; or, on a machine where this stack never ran (or to start over), run prefect-secure rotate all --dir stack'),
        }),
      ],
    });
    expect(snapshot(join(work, 'stack'))).toEqual(without);
    // A drift check in a checkout (no .env) still works.
    expect(await runInit({ ...rerender, check: true }, memoryIo(work).io)).toBe(0);
    // The way out it names works, and lists what else each new secret needs.
    const rotated = memoryIo(work);
    expect(await runRotate(['all'], { dir: 'stack' }, rotated.io)).toBe(0);
    expect(existsSync(join(work, 'stack', '.env'))).toBe(true);
    expect(rotated.stdout()).toContain('ALTER USER prefect PASSWORD');
    // Once .env is back, a render is a render again.
    expect(await runInit(rerender, memoryIo(work).io)).toBe(0);
  });

  it('all rotates every generated secret', async () => {
    expect(await runRotate(['all'], { dir: 'stack' }, memoryIo(work).io)).toBe(0);
    const before = parseEnvFile(original['.env']!);
    const now = parseEnvFile(readFileSync(join(work, 'stack', '.env'), 'utf8'));
    for (const name of Object.keys(before)) expect(now[name], name).not.toBe(before[name]);
  });
});
