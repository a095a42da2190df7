/**
 * The gate probe against local stand-ins (the real proxies are probed in the
 * real-stack suite): a gated host passes; an open host, a gate that takes any
 * password, a client whose password the gate refuses, and a client whose
 * WebSocket handshake is refused are each one finding; an unreachable host is
 * one warning; every request stays within the deadline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runLiveChecks, type LiveGateTarget } from '../../../src/doctor/live/index.js';
import { freePort, startHttp, startSilent, type Running } from './helpers.js';

const GOOD = `Basic ${Buffer.from('worker:right-password-0123456789').toString('base64')}`;
const running: Running[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

/** A Prefect behind basic auth: 401 without the right header, 200 (or 101 for an upgrade) with it. */
async function gatedHost(options: { open?: boolean; anyPassword?: boolean; socketsNeed?: string } = {}): Promise<Running> {
  const server = await startHttp((req, res) => {
    const auth = req.headers.authorization;
    const ok = options.open || (options.anyPassword ? auth !== undefined : auth === GOOD);
    if (req.headers.upgrade === 'websocket') {
      const socketOk = options.open || (options.socketsNeed ? req.headers[options.socketsNeed] !== undefined && ok : ok);
      if (socketOk) {
        res.socket!.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: prefect\r\n\r\n');
        res.socket!.destroy();
        return;
      }
    }
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '[]' : '{"detail":"Unauthorized"}');
  });
  running.push(server);
  return server;
}

function target(server: { origin: string }, clients: LiveGateTarget['clients'] = []): LiveGateTarget {
  return { origin: server.origin, host: '127.0.0.1', source: { file: 'proxy/nginx.conf', line: 12 }, clients, clientCaFiles: [] };
}
const worker = (rest: string, socket: Record<string, string> = { authorization: rest }) => ({ label: 'profile "worker" in prefect/profiles.toml', at: { file: 'prefect/profiles.toml', line: 4 }, restHeaders: { authorization: rest }, socketHeaders: socket });

async function live(gates: LiveGateTarget[], timeoutMs = 3000) {
  const results = await runLiveChecks({ issuers: [], proxies: [], gates, timeoutMs });
  return results.filter((r) => r.id.startsWith('live-gate') || r.id === 'live-tls');
}
const brief = (results: Awaited<ReturnType<typeof live>>) => results.flatMap((r) => r.findings.map((f) => `${f.severity} ${f.id} ${f.file}:${f.line}`));

describe('live-gate and live-gate-credentials', () => {
  it('pass a host that refuses strangers, refuses a wrong password and accepts the client on the API and its socket', async () => {
    const results = await live([target(await gatedHost(), [worker(GOOD)])]);
    expect(brief(results)).toEqual([]);
    expect(results.map((r) => `${r.id} ${r.status}`)).toEqual(['live-gate passed', 'live-gate-credentials passed', 'live-tls skipped']);
  });

  it('report an open host once, naming what it answered', async () => {
    const results = await live([target(await gatedHost({ open: true }), [worker(GOOD)])]);
    expect(brief(results)).toEqual(['error live-gate proxy/nginx.conf:12']);
    expect(results[0]!.findings[0]!.message).toMatch(/answered requests that carried no credential at all: GET \/ → 200; POST \/api\/flows\/filter → 200; GET \/api\/admin\/settings → 200; a WebSocket upgrade to \/api\/events\/in → 101$/);
  });

  it('report a gate that takes any password', async () => {
    expect(brief(await live([target(await gatedHost({ anyPassword: true }), [worker(GOOD)])]))).toEqual(['error live-gate-credentials proxy/nginx.conf:12']);
  });

  it("report a client whose password the gate refuses, at the client's line", async () => {
    const wrong = `Basic ${Buffer.from('worker:changed-password-987654321').toString('base64')}`;
    const results = await live([target(await gatedHost(), [worker(wrong)])]);
    expect(brief(results)).toEqual(['error live-gate-credentials prefect/profiles.toml:4']);
    expect(results[1]!.findings[0]!.message).toContain('refused the credentials of profile "worker" in prefect/profiles.toml on the API (POST /api/flows/filter → HTTP 401)');
  });

  it('report a client accepted on the API whose WebSocket handshake carries no credential', async () => {
    const results = await live([target(await gatedHost(), [worker(GOOD, {})])]);
    expect(brief(results)).toEqual(['error live-gate-credentials prefect/profiles.toml:4']);
    expect(results[1]!.findings[0]!.message).toContain('refused its WebSocket handshake (/api/events/in → HTTP 401)');
  });

  it('warn once about a host it cannot reach, and stay within the deadline on one that never answers', async () => {
    const port = await freePort();
    expect(brief(await live([target({ origin: `http://127.0.0.1:${port}` })]))).toEqual(['warning live-gate proxy/nginx.conf:12']);
    const silent = await startSilent();
    running.push(silent);
    const started = Date.now();
    expect(brief(await live([target(silent)], 400))).toEqual(['warning live-gate proxy/nginx.conf:12']);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
