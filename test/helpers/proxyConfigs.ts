/**
 * The real Caddy and Traefik on a rendered stack's proxy files, with every
 * mounted file where compose mounts it (a temporary folder stands in for the
 * container's /etc/caddy or /etc/traefik).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Generated } from '../../src/generate.js';
import { fileText } from './stack.js';
import { freePort } from './tools.js';

interface Mount {
  source: string;
  target: string;
}

/** The proxy service's bind mounts, from the rendered compose file. */
function mounts(stack: Generated, service: string): Mount[] {
  const compose = parse(fileText(stack, 'docker-compose.yml')) as { services: Record<string, { volumes?: { type: string; source: string; target: string }[] }> };
  return (compose.services[service]!.volumes ?? []).filter((v) => v.type === 'bind').map((v) => ({ source: v.source.replace(/^\.\//, ''), target: v.target }));
}

/**
 * Lays the mounted files out under `root` (the container path below it) and
 * returns a rewrite of container paths to those places. Files the person
 * provides (TLS certificate and key) come from `provided`.
 */
function layOut(stack: Generated, service: string, root: string, provided: Record<string, string>): (text: string) => string {
  const table = mounts(stack, service).sort((a, b) => b.target.length - a.target.length);
  // Mounted files name other mounted files by their container paths (Traefik's routes name the users file).
  const rewrite = (text: string) => table.reduce((out, m) => out.replaceAll(m.target, join(root, m.target)), text);
  for (const m of table) {
    const to = join(root, m.target);
    const rendered = [...stack.files.keys()].filter((path) => path === m.source || path.startsWith(`${m.source}/`));
    if (rendered.length > 0) {
      for (const path of rendered) {
        const place = join(to, path.slice(m.source.length));
        mkdirSync(dirname(place), { recursive: true });
        writeFileSync(place, rewrite(fileText(stack, path)));
      }
    } else if (provided[m.source]) {
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(provided[m.source]!, to);
    } else {
      throw new Error(`nothing to mount at ${m.target}: ${m.source} is neither rendered nor provided`);
    }
  }
  return rewrite;
}

/** `caddy validate` on the rendered Caddyfile: adapts it, decodes it strictly and provisions every module, binding nothing. */
export function caddyValidate(caddy: string, stack: Generated, provided: Record<string, string> = {}): { ok: boolean; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'prefect-secure-caddy-'));
  const rewrite = layOut(stack, 'caddy', root, provided);
  const file = join(root, 'Caddyfile');
  writeFileSync(file, rewrite(fileText(stack, 'proxy/Caddyfile')));
  const run = spawnSync(caddy, ['validate', '--config', file, '--adapter', 'caddyfile'], {
    env: { PATH: process.env.PATH, HOME: root, XDG_DATA_HOME: join(root, 'data'), XDG_CONFIG_HOME: join(root, 'config') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  return { ok: run.status === 0 && output.includes('Valid configuration'), output };
}

/**
 * Traefik's own loading: Traefik has no validate command, so it is started on
 * free loopback ports with the rendered static and dynamic files, and asked
 * to log every router and middleware it builds. The result lists the routers
 * it built and every warning or error it logged.
 */
/**
 * Stops a child and waits for it: SIGTERM, then SIGKILL if it has not exited within 5 s (Traefik with an ACME
 * resolver can take longer to shut down than a test waits). A child that already exited is not waited for.
 */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function traefikLoads(
  traefik: string,
  stack: Generated,
  provided: Record<string, string> = {},
  expected: string[] = [],
): Promise<{ routers: string[]; problems: string[]; log: string }> {
  const root = mkdtempSync(join(tmpdir(), 'prefect-secure-traefik-'));
  const rewrite = layOut(stack, 'traefik', root, provided);
  // The ACME data volume, and a directory nothing answers at: loading must not reach out or write outside root.
  let config = rewrite(fileText(stack, 'proxy/traefik.yml'))
    .replace(/^(log:\n  level: )INFO$/m, '$1DEBUG')
    .replace(/storage: "\/data\//, `storage: "${root}/`)
    .replace(/caServer: "[^"]*"/, 'caServer: "https://127.0.0.1:9/directory"')
    // Traefik waits 2 s (providersThrottleDuration) before it applies a provider's configuration: no need to here.
    .replace(/^providers:\n/m, 'providers:\n  providersThrottleDuration: 0s\n');
  for (const port of [...config.matchAll(/address: ":(\d+)"/g)].map((m) => m[1]!)) config = config.replace(`address: ":${port}"`, `address: "127.0.0.1:${await freePort()}"`);
  const file = join(root, 'traefik.yml');
  writeFileSync(file, config);
  const child = spawn(traefik, [`--configFile=${file}`], { env: { PATH: process.env.PATH, HOME: root, LEGO_CA_CERTIFICATES: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  // Built once every expected router has been logged (or, expecting none, the first); then a moment for a late warning.
  const plainLog = () => log.replace(/\x1b\[[0-9;]*m/g, '');
  const built = () => {
    const text = plainLog();
    return expected.length > 0 ? expected.every((name) => text.includes(`routerName=${name}@file`)) : /routerName=\S+@file/.test(text);
  };
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && !built() && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200));
  await stopChild(child);
  const plain = plainLog();
  const routers = [...new Set([...plain.matchAll(/routerName=([\w-]+)@file/g)].map((m) => m[1]!))].sort();
  const problems = plain.split('\n').filter((line) => / (ERR|WRN|FTL) /.test(line) || /^command traefik error/.test(line));
  return { routers, problems, log: plain };
}
