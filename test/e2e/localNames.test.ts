/**
 * *.localtest.me needs public DNS. init looks the local stack's names up and,
 * where they do not resolve, prints the one hosts-file line that needs no DNS;
 * NEXT_STEPS.md gives the same line. A real resolver (dnsmasq, which reads the
 * hosts-file format) answers the printed line with 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runInit } from '../../src/commands/init.js';
import { unresolvedLocalNames } from '../../src/commands/localNames.js';
import { buildPlan } from '../../src/plan/index.js';
import { validateSpec } from '../../src/config/validate.js';
import { memoryIo } from '../helpers/io.js';
import { freePort, needTools } from '../helpers/tools.js';

const tools = needTools('dnsmasq');
const running: { kill(): void }[] = [];
afterAll(() => running.forEach((p) => p.kill()));

/** The hosts-file line of NEXT_STEPS.md's "If the names do not resolve" section. */
function printedLine(stackDir: string): string {
  const text = readFileSync(join(stackDir, 'NEXT_STEPS.md'), 'utf8');
  const section = text.slice(text.indexOf('If the names do not resolve'));
  return /```\n(.+)\n```/.exec(section)![1]!;
}

it('looks the names up with the real resolver: a name that resolves to the address passes, one that does not is named', async () => {
  const plan = { ...buildPlan(validateSpec({ version: 1 })), localNames: [
    { name: 'localhost', address: '127.0.0.1' },
    { name: 'prefect.nothing.invalid', address: '127.0.0.1' },
  ] };
  expect(await unresolvedLocalNames(plan)).toEqual({ names: ['prefect.nothing.invalid'], hostsLine: '127.0.0.1 localhost prefect.nothing.invalid' });
  expect(await unresolvedLocalNames({ ...plan, localNames: [{ name: 'localhost', address: '127.0.0.1' }] })).toBeUndefined();
});

it('init names the unresolved names and prints the same line as NEXT_STEPS.md, in --json too', async () => {
  const work = mkdtempSync(join(tmpdir(), 'prefect-secure-names-'));
  const unresolved = async (plan: ReturnType<typeof buildPlan>) => ({ names: plan.localNames.map((n) => n.name), hostsLine: `127.0.0.1 ${plan.localNames.map((n) => n.name).join(' ')}` });
  const human = memoryIo(work);
  expect(await runInit({ preset: 'local', out: 'stack' }, human.io, { unresolvedNames: unresolved })).toBe(0);
  const line = printedLine(join(work, 'stack'));
  expect(line).toBe('127.0.0.1 prefect.localtest.me prefect-api.localtest.me keycloak.localtest.me');
  expect(human.stdout().replace(/\s*\n\s*/g, ' ')).toContain(`do not resolve to this computer here (offline, or a resolver that drops private answers). Add this line to /etc/hosts; nothing else needs DNS: ${line}`);
  const json = memoryIo(work);
  expect(await runInit({ preset: 'local', out: 'json', json: true }, json.io, { unresolvedNames: unresolved })).toBe(0);
  expect(JSON.parse(json.stdout()).unresolvedNames.hostsLine).toBe(line);
  // Where they resolve, nothing is said.
  const quiet = memoryIo(work);
  expect(await runInit({ preset: 'local', out: 'quiet' }, quiet.io, { unresolvedNames: async () => undefined })).toBe(0);
  expect(quiet.stdout()).not.toContain('/etc/hosts');
});

tools.describe('the printed hosts line with a real resolver', () => {
  it('dnsmasq reading the line answers every name with 127.0.0.1', async () => {
    const work = mkdtempSync(join(tmpdir(), 'prefect-secure-hosts-'));
    expect(await runInit({ preset: 'local', out: 'stack' }, memoryIo(work).io, { unresolvedNames: async () => undefined })).toBe(0);
    const line = printedLine(join(work, 'stack'));
    const hosts = join(work, 'hosts');
    writeFileSync(hosts, `${line}\n`);
    const port = await freePort();
    const address = '127.0.0.1';
    const dnsmasq = spawn(tools.path('dnsmasq'), [
      '--keep-in-foreground', '--no-resolv', '--no-poll', '--no-hosts', `--addn-hosts=${hosts}`, '--bind-interfaces',
      `--listen-address=${address}`, `--port=${port}`, '--user=root', '--pid-file=', '--log-facility=-',
    ], { stdio: 'ignore' });
    running.push(dnsmasq);
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([`${address}:${port}`]);
    const names = line.split(' ').slice(1);
    let answers: string[][] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        answers = await Promise.all(names.map((name) => resolver.resolve4(name)));
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(answers).toEqual(names.map(() => ['127.0.0.1']));
  });
});
