/**
 * doctor --live's gate probe against the real nginx, oauth2-proxy and
 * Prefect: the rendered stack passes every probe; the same stack with the
 * machine host's /api gate removed (nginx reloaded, as a user would), and with
 * a machine password changed in the proxy's users file but not in the
 * profile, fails with exactly those findings. The report's diagram
 * (--diagram) marks each on the path it concerns, read back by the real
 * Mermaid parser.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sshaEntry } from '../../../src/secrets/htpasswd.js';
import { runCli } from '../../helpers/cli.js';
import { parseFlowchart } from '../../helpers/mermaid.js';
import { prefect, profileEnv } from '../helpers/prefectCli.js';
import { stack } from '../context.js';

interface Report {
  findings: { id: string; severity: string; message: string; file?: string; line?: number }[];
  checks: { id: string; status: string }[];
  diagram: string;
}

async function doctorLive(): Promise<Report> {
  const result = await runCli(['doctor', stack().dir, '--live', '--json', '--diagram'], { env: { CI: 'true' } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Report;
}

const at = (f: Report['findings'][number]) => `${f.severity} ${f.id} ${f.file}${f.line ? `:${f.line}` : ''}`;

/** Replaces text in a stack file for the length of `fn`, then puts it back. */
async function editing(file: string, change: (text: string) => string, fn: () => Promise<void>, restart?: string): Promise<void> {
  const s = stack();
  const path = join(s.dir, file);
  const original = readFileSync(path, 'utf8');
  const changed = change(original);
  expect(changed).not.toBe(original);
  writeFileSync(path, changed);
  try {
    if (restart) await s.run.start(restart);
    await fn();
  } finally {
    writeFileSync(path, original);
    if (restart) await s.run.start(restart);
  }
}

export function gateScenarios(): void {
  describe('doctor --live probes the gate itself', () => {
    it("a trailing / on PREFECT_API_URL is only style (prefect-api-url-format warns): the real prefect CLI works with it", async () => {
      const s = stack();
      const result = await prefect(['flow', 'ls'], { ...profileEnv(s.dir, 'worker'), PREFECT_API_URL: `${s.api}/` });
      // The flows table, not an HTTP error (a flow id may well contain the digits 404).
      expect(result.all).not.toMatch(/Not Found|HTTPStatusError|status code 4\d\d/);
      expect(result.stdout).toContain('Flows');
      expect(result.code).toBe(0);
    }, 120_000);

    it('passes the rendered stack: strangers refused on both hosts, a wrong password refused, each profile accepted on the API and its WebSocket', async () => {
      const report = await doctorLive();
      expect(report.findings).toEqual([]);
      expect((await parseFlowchart(report.diagram)).edges.length).toBeGreaterThan(5);
      expect(report.diagram).not.toMatch(/[✖⚠]/);
      const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
      expect([status['live-gate'], status['live-gate-credentials'], status['live-tls']]).toEqual(['passed', 'passed', 'skipped']);
    }, 120_000);

    it("names the machine host's open API when its gate is removed (and the static proxy-api-open, a warning on a laptop stack), and nothing else", async () => {
      const s = stack();
      const machineHost = new URL(s.api).hostname;
      await editing(
        'proxy/nginx.conf',
        (text) => {
          // Only the machine host's /api/ location: drop its two auth_basic lines.
          const server = text.indexOf(`server_name ${machineHost};`);
          const start = text.indexOf('location /api/ {', server);
          const end = text.indexOf('}', start);
          return text.slice(0, start) + text.slice(start, end).replace(/\n\s*auth_basic[^\n]*/g, '') + text.slice(end);
        },
        async () => {
          const report = await doctorLive();
          const nginxLine = (id: string) => report.findings.find((f) => f.id === id)?.line;
          expect(report.findings.map(at).sort()).toEqual([`error live-gate proxy/nginx.conf:${nginxLine('live-gate')}`, `warning proxy-api-open proxy/nginx.conf:${nginxLine('proxy-api-open')}`].sort());
          const gate = report.findings.find((f) => f.id === 'live-gate')!;
          expect(gate.message).toContain(`http://${machineHost}:8080 answered requests that carried no credential at all: `);
          expect(gate.message).toMatch(/POST \/api\/flows\/filter → 200; GET \/api\/admin\/settings → 200; a WebSocket upgrade to \/api\/events\/in → 101/);
          // The picture marks both on the machine host's path to Prefect, and nowhere else.
          const parsed = await parseFlowchart(report.diagram);
          const host = parsed.vertices.find((v) => v.text === `${machineHost}:8080`)!;
          const marked = parsed.edges.filter((e) => /[✖⚠]/.test(e.text));
          expect(marked.map((e) => [e.start, e.text])).toEqual([[host.id, '/api/ · no credential ✖ live-gate ⚠ proxy-api-open']]);
          expect(parsed.vertices.filter((v) => /[✖⚠]/.test(v.text))).toEqual([]);
        },
        'nginx',
      );
    }, 240_000);

    it("names the profile whose password the proxy no longer accepts (changed in proxy/htpasswd only), and nothing else", async () => {
      const s = stack();
      const user = { name: readFileSync(join(s.dir, 'proxy/htpasswd'), 'utf8').split(':')[0]! };
      const profiles = readFileSync(join(s.dir, 'prefect/profiles.toml'), 'utf8');
      await editing('proxy/htpasswd', (text) => text.replace(new RegExp(`^${user.name}:.*$`, 'm'), sshaEntry(user.name, randomBytes(32).toString('base64url'), randomBytes(8))), async () => {
        const report = await doctorLive();
        const line = profiles.split('\n').findIndex((l, i, all) => l.startsWith('PREFECT_API_AUTH_STRING') && all.slice(0, i).reverse().find((h) => h.startsWith('[profiles.')) === `[profiles.${user.name}]`) + 1;
        expect(report.findings.map(at)).toEqual([`error live-gate-credentials prefect/profiles.toml:${line}`]);
        expect(report.findings[0]!.message).toContain(`refused the credentials of profile "${user.name}" in prefect/profiles.toml on the API (POST /api/flows/filter → HTTP 401)`);
        // The picture marks the machines whose profiles hold the credential.
        const clients = (await parseFlowchart(report.diagram)).vertices.filter((v) => /[✖⚠]/.test(v.text));
        expect(clients.map((v) => v.text.split(/<br\s*\/?>/))).toEqual([['Prefect clients', expect.stringMatching(/^profiles: /), '✖ live-gate-credentials']]);
      });
    }, 120_000);
  });
}
