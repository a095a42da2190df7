/**
 * The gate itself, probed the way an attacker and a worker meet it: for each
 * public host that serves Prefect, requests without any credential must be
 * refused (a redirect to sign in, 401 or 403) — never answered by Prefect;
 * on a host where clients sign in, a wrong password must be refused and each
 * client's own credentials accepted on the API and on a WebSocket handshake
 * (which carries only PREFECT_CLIENT_CUSTOM_HEADERS). Nothing is sent
 * anywhere but the stack's own hosts, and each request has the one deadline.
 */
import { randomBytes } from 'node:crypto';
import type { Finding } from '../types.js';
import { adviseNetworkFailure } from './advice.js';
import type { LiveGateTarget } from './probeTargets.js';
import { send, upgrade, type RequestOutcome } from './request.js';
import { finding } from './result.js';

/** What an unauthenticated visitor tries; each must be refused. */
const UNAUTHENTICATED = [
  { what: 'GET /', path: '/', method: 'GET' },
  { what: 'POST /api/flows/filter', path: '/api/flows/filter', method: 'POST', body: '{}' },
  { what: 'GET /api/admin/settings', path: '/api/admin/settings', method: 'GET' },
  { what: 'a WebSocket upgrade to /api/events/in', path: '/api/events/in', method: 'UPGRADE' },
] as const;

const answered = (o: RequestOutcome) => o.kind === 'answer' && ((o.status >= 200 && o.status < 300) || o.status === 101);

function probe(target: LiveGateTarget, step: { path: string; method: string; body?: string }, headers: Record<string, string>, timeoutMs: number): Promise<RequestOutcome> {
  const url = `${target.origin}${step.path}`;
  return step.method === 'UPGRADE' ? upgrade(url, headers, timeoutMs) : send(url, { method: step.method, headers, ...(step.body !== undefined ? { body: step.body } : {}) }, timeoutMs);
}

export interface GateResult {
  findings: Finding[];
  /** The host answered API calls with no credential: the credential checks would only repeat it. */
  open: boolean;
  reached: boolean;
}

export async function gateFindings(target: LiveGateTarget, timeoutMs: number): Promise<GateResult> {
  const outcomes = await Promise.all(UNAUTHENTICATED.map((step) => probe(target, step, {}, timeoutMs)));
  const failures = outcomes.filter((o) => o.kind === 'failure');
  if (failures.length === outcomes.length) {
    const advice = adviseNetworkFailure(failures[0]!, 'oauth2-proxy', timeoutMs);
    return { reached: false, open: false, findings: [finding('live-gate', 'warning', target.source, { message: `${target.origin} could not be reached to probe its gate: ${advice.message}`, why: 'doctor could not tell whether the host refuses requests without a credential', fix: advice.fix })] };
  }
  const open = UNAUTHENTICATED.filter((_, i) => answered(outcomes[i]!));
  const findings: Finding[] = [];
  if (open.length > 0) {
    const statuses = open.map((step) => `${step.what} → ${(outcomes[UNAUTHENTICATED.indexOf(step)] as { status: number }).status}`);
    findings.push(
      finding('live-gate', 'error', target.source, {
        message: `${target.origin} answered requests that carried no credential at all: ${statuses.join('; ')}`,
        why: open.some((s) => s.path.startsWith('/api'))
          ? 'anyone who reaches this host uses the Prefect API: runs and changes flows, reads blocks with their secrets, deletes everything'
          : 'the UI is served to anyone; its API calls are the next thing an attacker tries',
        fix: `put the gate back on this host's routes (the sign-in or basic auth of ${target.source.file}${target.source.line ? `:${target.source.line}` : ''}), reload the proxy, and run doctor --live again`,
      }),
    );
  }
  return { findings, open: open.some((s) => s.path.startsWith('/api')), reached: true };
}

export async function credentialFindings(target: LiveGateTarget, gate: GateResult, timeoutMs: number): Promise<Finding[] | 'skipped'> {
  if (!gate.reached || gate.open || target.clients.length === 0) return 'skipped';
  const api = { path: '/api/flows/filter', method: 'POST', body: '{}' };
  const socket = { path: '/api/events/in', method: 'UPGRADE' };
  const findings: Finding[] = [];
  const wrong = `Basic ${Buffer.from(`prefect-secure-doctor:${randomBytes(18).toString('base64url')}`).toString('base64')}`;
  const wrongOutcome = await probe(target, api, { authorization: wrong }, timeoutMs);
  if (answered(wrongOutcome)) {
    findings.push(
      finding('live-gate-credentials', 'error', target.source, {
        message: `${target.origin} accepted a user and password that exist nowhere (POST /api/flows/filter → ${(wrongOutcome as { status: number }).status})`,
        why: 'the gate lets any Authorization header through, so it guards nothing',
        fix: 'check the basic-auth users file and middleware of this host: every request must be verified against it',
      }),
    );
  }
  await Promise.all(
    target.clients.map(async (client) => {
      const [rest, ws] = await Promise.all([probe(target, api, client.restHeaders, timeoutMs), probe(target, socket, client.socketHeaders, timeoutMs)]);
      if (!answered(rest)) {
        const status = rest.kind === 'answer' ? `HTTP ${rest.status}` : rest.detail;
        findings.push(
          finding('live-gate-credentials', 'error', client.at, {
            message: `${target.origin} refused the credentials of ${client.label} on the API (POST /api/flows/filter → ${status})`,
            why: 'every worker and CI job using them fails; the password here and the one the gate checks differ',
            fix: 'write the same password in both places: re-render with `prefect-secure init` (it keeps them in step), or update the users file and reload the proxy',
          }),
        );
      } else if (!answered(ws)) {
        const status = ws.kind === 'answer' ? `HTTP ${ws.status}` : ws.detail;
        findings.push(
          finding('live-gate-credentials', 'error', client.at, {
            message: `${target.origin} accepted ${client.label} on the API but refused its WebSocket handshake (/api/events/in → ${status})`,
            why: 'handshakes carry only PREFECT_CLIENT_CUSTOM_HEADERS: cancellation, log and event streams and task workers silently fail',
            fix: 'PREFECT_CLIENT_CUSTOM_HEADERS with the same Authorization header the API calls send (Prefect 3.4.8+)',
          }),
        );
      }
    }),
  );
  return findings;
}
