/**
 * Real nginx running the proxy/nginx.conf that `init --preset local` renders,
 * in front of local stand-ins for oauth2-proxy, Prefect and Keycloak, shared
 * by the e2e files that use it (each file starts its own). Every request goes
 * to 127.0.0.1:<port> with the Host header a browser or a machine would send.
 * The bindings below are live: they hold the running stack once
 * `useRenderedNginx()`'s beforeAll has run.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { PRESETS } from '../../src/config/presets.js';
import { startNginx, type RunningNginx } from './nginx.js';
import { renderStackToTemp, type RenderedStack } from './renderToDir.js';
import { httpRequest, startKeycloakStandIn, startOauth2ProxyStandIn, startPrefectStandIn, type StandIn } from './standins.js';
import { needTools } from './tools.js';

export const tools = needTools('nginx');

export let stack: RenderedStack;
export let nginx: RunningNginx | undefined;
export let oauth2: StandIn;
export let prefect: StandIn & { upgrades: StandIn['requests'] };
export let keycloak: StandIn;
export const session = `session-${randomUUID()}`;
export let cookieName: string;
export let port: number;
export let ui: string;
export let machine: string;
export let idp: string;

/** Starts the stand-ins and nginx for the calling file's tests, and stops them after. */
export function useRenderedNginx(): void {
  beforeAll(async () => {
    const nginxPath = tools.path('nginx');
    stack = renderStackToTemp(PRESETS.local);
    const hosts = stack.generated.plan.spec.hosts;
    // The cookie oauth2-proxy will set is the one the rendered config names.
    const cookie = /^cookie_name = "([^"]+)"$/m.exec(stack.read('oauth2-proxy/oauth2-proxy.cfg'));
    if (!cookie) throw new Error('no cookie_name in the rendered oauth2-proxy.cfg');
    cookieName = cookie[1]!;
    oauth2 = await startOauth2ProxyStandIn({
      cookieName,
      session,
      user: 'demo',
      email: 'demo@example.test',
      authorizeUrl: `${stack.generated.plan.urls.issuer}/protocol/openid-connect/auth`,
    });
    prefect = await startPrefectStandIn();
    keycloak = await startKeycloakStandIn();
    nginx = await startNginx({
      nginx: nginxPath,
      confPath: join(stack.dir, 'proxy/nginx.conf'),
      htpasswdPath: join(stack.dir, 'proxy/htpasswd'),
      listenPort: hosts.port,
      workerProcesses: 1,
      upstreams: { prefect: prefect.url, oauth2Proxy: oauth2.url, idp: keycloak.url },
    });
    port = nginx.port;
    ui = `${hosts.ui}:${port}`;
    machine = `${hosts.machine}:${port}`;
    idp = `${hosts.idp!}:${port}`;
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([oauth2?.close(), prefect?.close(), keycloak?.close()]);
    stack?.remove();
  });
}

export const probe = () => `probe=${randomUUID()}`;
export const reached = (standIn: StandIn, marker: string) => standIn.requests.filter((r) => r.url.includes(marker));
export const cookieHeader = () => ({ Cookie: `other=1; ${cookieName}=${session}` });
export const users = () => stack.machineUsers;
export const upgraded = (marker: string) => prefect.upgrades.filter((r) => r.url.includes(marker));
/** POST /api/flows/filter?<marker> on `host`: the API call the access tests make. */
export const postFilter = (host: string, marker: string, headers: Record<string, string>, body: Buffer | string = '{}') =>
  httpRequest({ port, host, method: 'POST', path: `/api/flows/filter?${marker}`, headers, body });
