/**
 * `npm run bench`, end to end, for each proxy (nginx, Caddy, Traefik):
 * authenticated Prefect API reads through the machine host (basic auth) and
 * through the UI host (oauth2-proxy session cookie, asked on every request),
 * each as a ratio of the same request sent straight to Prefect, and
 * `GET /api/health` also as a ratio of the same path through the same proxy
 * with no gate (the machine host exempts it), measured in one run with the
 * real stack. wrk talks to the proxy's own address, as a container would; the
 * runner's published-port forwarder is not in the path. Bounded: every wrk
 * run lasts WRK_SECONDS, loopback only. This measures; it asserts only that
 * every response was a 2xx, so the numbers are of served requests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealStack, stack, startRealStack, stopRealStack } from '../context.js';
import { launchBrowser } from '../helpers/browser.js';
import { basic } from '../helpers/host.js';

const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 5);
const ROUNDS = 2;
const GOALS = { machine: 0.9, sso: 0.8, ungated: 0.8 };

interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

const ms = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;

function wrk(url: string, headers: Record<string, string>, post: boolean): Promise<WrkResult> {
  const args = ['-t1', '-c8', `-d${WRK_SECONDS}s`, '--latency'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  if (post) {
    const script = join(mkdtempSync(join(tmpdir(), 'prefect-secure-wrk-')), 'post.lua');
    writeFileSync(script, 'wrk.method = "POST"\nwrk.body = \'{"limit": 10}\'\nwrk.headers["Content-Type"] = "application/json"\n');
    args.push('-s', script);
  }
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const killer = setTimeout(() => child.kill('SIGKILL'), (WRK_SECONDS + 20) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const p50 = /^\s+50%\s+([\d.]+)(us|ms|s)$/m.exec(out);
      const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)$/m.exec(out);
      if (code !== 0 || !rps || !p50 || !p99) return reject(new Error(`wrk ${args.join(' ')}: ${out}`));
      const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      resolve({ rps: Number(rps[1]), p50: ms(p50[1]!, p50[2]!), p99: ms(p99[1]!, p99[2]!), non2xx: non2xx ? Number(non2xx[1]) : 0 });
    });
  });
}

for (const proxy of ['nginx', 'caddy', 'traefik'] as const) {
  describeRealStack(`end-to-end throughput through the gates of ${proxy}`, () => {
    let cookie = '';
    beforeAll(async () => {
      const s = await startRealStack(proxy);
      const browser = await launchBrowser();
      const page = await browser.newPage();
      await page.goto(`${s.ui}/dashboard`);
      await page.fill('#username', 'demo');
      await page.fill('#password', s.secrets.KEYCLOAK_DEMO_PASSWORD!);
      await page.click('#kc-login');
      await page.waitForURL(`${s.ui}/dashboard`);
      cookie = (await page.context().cookies(s.ui)).map((c) => `${c.name}=${c.value}`).join('; ');
      await browser.close();
    }, 600_000);
    afterAll(() => stopRealStack(), 120_000);

    it('prints requests/s and latency of each path as a ratio of straight to Prefect, and of the same path ungated', async () => {
      const s = stack();
      const prefect = `http://${s.run.address('prefect-server')}:4200`;
      const edge = `http://${s.run.address(proxy)}:8080`;
      const machine = { Host: 'prefect-api.localtest.me:8080', Authorization: basic('ci', s.secrets.PREFECT_MACHINE_CI_PASSWORD!) };
      const sso = { Host: 'prefect.localtest.me:8080', Cookie: cookie };
      // The machine host lets /api/health through with no gate: the same path through the same proxy, ungated.
      const ungated = { Host: 'prefect-api.localtest.me:8080' };
      const cases = [
        { request: 'GET /api/health', path: '/api/health', post: false, ungated: true },
        { request: 'POST /api/flows/filter', path: '/api/flows/filter', post: true, ungated: false },
      ];
      const lines: string[] = [];
      for (const c of cases) {
        const paths: Record<string, { url: string; headers: Record<string, string> }> = {
          direct: { url: `${prefect}${c.path}`, headers: {} },
          ...(c.ungated ? { ungated: { url: `${edge}${c.path}`, headers: ungated } } : {}),
          machine: { url: `${edge}${c.path}`, headers: machine },
          sso: { url: `${edge}${c.path}`, headers: sso },
        };
        const results: Record<string, WrkResult[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
        // Interleaved rounds, so a slow moment of the shared machine falls on every path alike.
        for (let round = 0; round < ROUNDS; round++) {
          for (const [name, p] of Object.entries(paths)) results[name]!.push(await wrk(p.url, p.headers, c.post));
        }
        const best = (name: string) => results[name]!.reduce((a, b) => (b.rps > a.rps ? b : a));
        const direct = best('direct');
        lines.push(`\n  ${proxy}: ${c.request}       req/s      p50       p99   /direct${c.ungated ? '  /ungated' : ''}`);
        for (const name of Object.keys(paths)) {
          const r = best(name);
          const ratio = r.rps / direct.rps;
          const ofUngated = c.ungated && name !== 'direct' && name !== 'ungated' ? r.rps / best('ungated').rps : undefined;
          const goal =
            ofUngated !== undefined
              ? `   goal >= ${GOALS.ungated} of ungated: ${ofUngated >= GOALS.ungated ? 'PASS' : 'MISS'}`
              : name === 'machine' || name === 'sso'
                ? `   goal >= ${GOALS[name]} of direct: ${ratio >= GOALS[name] ? 'PASS' : 'MISS'}`
                : '';
          lines.push(`  ${name.padEnd(26)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(7)}ms ${r.p99.toFixed(2).padStart(7)}ms  ${ratio.toFixed(2)}${ofUngated !== undefined ? `     ${ofUngated.toFixed(2)}` : ''}${goal}`);
        }
        for (const [name, rs] of Object.entries(results)) {
          const bad = rs.reduce((n, r) => n + r.non2xx, 0);
          if (bad > 0) lines.push(`  ${name}: ${bad} responses were not 2xx`);
        }
      }
      console.log(`\n## End to end through ${proxy}, real stack (wrk -t1 -c8, ${WRK_SECONDS} s, best of ${ROUNDS} interleaved rounds)\n${lines.join('\n')}\n`);
      expect(lines.filter((l) => l.includes('not 2xx'))).toEqual([]);
    }, 600_000);
  });
}
