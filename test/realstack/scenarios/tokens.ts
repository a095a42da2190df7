/**
 * CI with access tokens (machineAccess.tokens) on the running stack, whatever
 * its proxy (a bearer token goes to oauth2-proxy, a password to the machine
 * users' check): its bundled Keycloak issues a client-credentials token to the
 * CI client the realm imports. The block NEXT_STEPS prints runs as printed in
 * the stack folder (curl, python3, the real prefect CLI); a flow's task run
 * arrives over the WebSocket with the token; a forged, an expired and a
 * wrong-audience token are refused; the workers' machine passwords still work
 * beside the tokens.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../components.js';
import { secretsIn, stack } from '../context.js';
import { basic, hostRequest } from '../helpers/host.js';
import { adminToken, getClient, updateClient } from '../helpers/keycloakAdmin.js';
import { prefect, printedBlock, profileEnv } from '../helpers/prefectCli.js';

export const API = 'http://prefect-api.localtest.me:8080/api';
export const TOKEN_ENDPOINT = 'http://keycloak.localtest.me:8080/realms/prefect/protocol/openid-connect/token';

/** A client-credentials token of the realm, as the printed block gets one. */
export async function clientToken(clientId: string, secret: string): Promise<string> {
  const res = await hostRequest(TOKEN_ENDPOINT, {
    method: 'POST',
    headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(res.status, res.body).toBe(200);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

/** What the machine host answers a Prefect API call made with this Authorization header. */
export async function apiStatus(authorization: string): Promise<number> {
  const res = await hostRequest(`${API}/work_pools/filter`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: '{}' });
  return res.status;
}

function shellEnv(home: string): Record<string, string> {
  return { PATH: `${join(COMPONENTS.venv, 'bin')}:/usr/bin:/bin`, HOME: home, PREFECT_HOME: join(home, '.prefect'), LANG: 'C.UTF-8', DO_NOT_TRACK: '1' };
}

/** The stack's .env as it is now (a rotation changes it). */
const secrets = () => secretsIn(stack().dir);

export function tokenScenarios(): void {
  describe('CI with access tokens of the identity provider', () => {
    it('the printed block gets a token and the real prefect CLI uses it, in the stack folder', async () => {
      const block = printedBlock(readFileSync(join(stack().dir, 'NEXT_STEPS.md'), 'utf8'), 'access_token=');
      const home = mkdtempSync(join(tmpdir(), 'prefect-secure-ci-home-'));
      const result = await execa('bash', ['-e', '-o', 'pipefail', '-c', block], { cwd: stack().dir, env: shellEnv(home), extendEnv: false, reject: false, timeout: 120_000 });
      expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
      // The API answered the token-bearing request (a refused one fails the command): the pools, or none yet.
      expect(result.stdout).toMatch(/No work pools found\.|Work Pools/);
    }, 180_000);

    it('a flow run with a task, on the token alone: REST and WebSocket (the task run arrives as events)', async () => {
      const token = await clientToken('prefect-ci', secrets().PREFECT_CI_CLIENT_SECRET!);
      const flows = mkdtempSync(join(tmpdir(), 'prefect-secure-token-flow-'));
      writeFileSync(join(flows, 'flow.py'), 'from prefect import flow, task\n\n@task\ndef triple(x):\n    return 3 * x\n\n@flow\ndef with_token():\n    return triple(14)\n\nprint("result", with_token())\n');
      const python = await execa(COMPONENTS.python, [join(flows, 'flow.py')], {
        env: { ...shellEnv(flows), PREFECT_API_URL: API, PREFECT_CLIENT_CUSTOM_HEADERS: JSON.stringify({ Authorization: `Bearer ${token}` }) },
        extendEnv: false,
        reject: false,
        timeout: 120_000,
      });
      expect(python.exitCode, `${python.stdout}\n${python.stderr}`).toBe(0);
      expect(python.stdout).toContain('result 42');
      let states: string[] = [];
      for (let i = 0; i < 30 && !states.includes('COMPLETED'); i++) {
        const res = await hostRequest(`${API}/task_runs/filter`, { method: 'POST', headers: { authorization: basic('ci', secrets().PREFECT_MACHINE_CI_PASSWORD!), 'content-type': 'application/json' }, body: '{"limit": 10}' });
        states = res.status === 200 ? (JSON.parse(res.body) as { state_type: string }[]).map((t) => t.state_type) : [];
        if (!states.includes('COMPLETED')) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(states).toContain('COMPLETED');
    }, 180_000);

    it('refuses a forged token, a token of a client whose audience is not the stack, and no credential at all', async () => {
      const token = await clientToken('prefect-ci', secrets().PREFECT_CI_CLIENT_SECRET!);
      expect(await apiStatus(`Bearer ${token}`)).toBe(200);
      // The payload changed (the signature no longer matches).
      const [head, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 86_400 })).toString('base64url');
      expect(await apiStatus(`Bearer ${head}.${forged}.${signature}`)).toBeGreaterThanOrEqual(401);
      // The same realm's token for the CI client without its audience mapper: aud does not name the stack's client.
      const admin = await adminToken(secrets().KEYCLOAK_ADMIN_PASSWORD!);
      const ci = await getClient(admin, 'prefect', 'prefect-ci');
      const mappers = (ci as unknown as { protocolMappers: { name: string }[] }).protocolMappers;
      await updateClient(admin, 'prefect', ci, { protocolMappers: mappers.filter((m) => m.name !== 'audience') } as never);
      try {
        const unaimed = await clientToken('prefect-ci', secrets().PREFECT_CI_CLIENT_SECRET!);
        const aud = (JSON.parse(Buffer.from(unaimed.split('.')[1]!, 'base64url').toString()) as { aud?: unknown }).aud;
        expect(JSON.stringify(aud ?? null)).not.toContain('"prefect"');
        expect(await apiStatus(`Bearer ${unaimed}`)).toBeGreaterThanOrEqual(401);
      } finally {
        await updateClient(admin, 'prefect', await getClient(admin, 'prefect', 'prefect-ci'), { protocolMappers: mappers } as never);
      }
      expect(await apiStatus('')).toBe(401);
    }, 120_000);

    it('refuses a token once it has expired', async () => {
      const admin = await adminToken(secrets().KEYCLOAK_ADMIN_PASSWORD!);
      const ci = await getClient(admin, 'prefect', 'prefect-ci');
      await updateClient(admin, 'prefect', ci, { attributes: { ...ci.attributes, 'access.token.lifespan': '5' } });
      try {
        const token = await clientToken('prefect-ci', secrets().PREFECT_CI_CLIENT_SECRET!);
        expect(await apiStatus(`Bearer ${token}`)).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 7_000));
        expect(await apiStatus(`Bearer ${token}`)).toBeGreaterThanOrEqual(401);
      } finally {
        await updateClient(admin, 'prefect', await getClient(admin, 'prefect', 'prefect-ci'), { attributes: ci.attributes });
      }
    }, 120_000);

    it("workers' machine passwords still work beside the tokens (the generated profile)", async () => {
      const result = await prefect(['work-pool', 'ls'], profileEnv(stack().dir, 'worker'));
      expect(result.code, result.all).toBe(0);
    }, 120_000);
  });
}
