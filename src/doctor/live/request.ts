/**
 * The requests of the gate probe: any method with headers and a small body,
 * and a WebSocket upgrade as Prefect's clients send it (subprotocol
 * `prefect`). Each has one deadline; nothing is followed, nothing kept open.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { classifyFetchError, type NetworkFailure, type NetworkFailureKind } from './http.js';

export interface Answer {
  kind: 'answer';
  url: string;
  status: number;
  location?: string;
}

export type RequestOutcome = Answer | NetworkFailure;

const USER_AGENT = 'prefect-secure-doctor (live gate probe)';

export async function send(url: string, init: { method: string; headers?: Record<string, string>; body?: string }, timeoutMs: number): Promise<RequestOutcome> {
  const started = Date.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: init.method,
      redirect: 'manual',
      signal,
      headers: { 'user-agent': USER_AGENT, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    return { kind: 'answer', url, status: response.status, ...(location ? { location } : {}) };
  } catch (error) {
    const c = classifyFetchError(error, signal.aborted, timeoutMs);
    return { kind: 'failure', url, failure: c.failure, detail: c.detail, elapsedMs: Date.now() - started, ...(c.code ? { code: c.code } : {}) };
  }
}

/** A WebSocket handshake: 101 when the upgrade is accepted, else the status the server answered. */
export function upgrade(url: string, headers: Record<string, string>, timeoutMs: number): Promise<RequestOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: RequestOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const fail = (failure: NetworkFailureKind, detail: string, code?: string): NetworkFailure => ({ kind: 'failure', url, failure, detail, elapsedMs: Date.now() - started, ...(code ? { code } : {}) });
    const target = new URL(url);
    const open = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = open(target, {
      method: 'GET',
      headers: {
        'user-agent': USER_AGENT,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-protocol': 'prefect',
        ...headers,
      },
    });
    const timer = setTimeout(() => done(fail('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      done({ kind: 'answer', url, status: response.statusCode ?? 101 });
    });
    req.on('response', (response) => {
      response.resume();
      done({ kind: 'answer', url, status: response.statusCode ?? 0, ...(response.headers.location ? { location: response.headers.location } : {}) });
    });
    req.on('error', (error) => {
      const c = classifyFetchError(error, false, timeoutMs);
      done(fail(c.failure, c.detail, c.code));
    });
    req.end();
  });
}
