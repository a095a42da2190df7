/**
 * CI with access tokens (machineAccess.tokens), with the real software: the
 * local stack (nginx) rendered by the built CLI with tokens on, through the
 * token scenarios every proxy runs (scenarios/tokens.ts; the Caddy and
 * Traefik stacks run them too), and the rotation of the CI client's secret,
 * followed as printed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRealStack, secretsIn, stack, startRealStack, stopRealStack } from './context.js';
import { basic, hostRequest } from './helpers/host.js';
import { runPrintedExec } from './helpers/printedExec.js';
import { rotate } from './scenarios/rotation.js';
import { apiStatus, clientToken, tokenScenarios, TOKEN_ENDPOINT } from './scenarios/tokens.js';

describeRealStack('CI with access tokens of the identity provider, with the real software', () => {
  beforeAll(async () => {
    await startRealStack('nginx', ['--set', 'machineAccess.tokens={}']);
  }, 600_000);
  afterAll(async () => {
    await stopRealStack();
  }, 120_000);

  tokenScenarios();

  it('rotate ci-client-secret, followed as printed: the new secret gets a token, the old one no longer does', async () => {
    const s = stack();
    const old = secretsIn(s.dir).PREFECT_CI_CLIENT_SECRET!;
    const report = await rotate(s.dir, ['ci-client-secret']);
    expect(report.restart).toEqual(['keycloak']);
    expect(report.followUps).toHaveLength(1);
    const step = report.followUps[0]!;
    expect(step.when).toBe('before');
    const exec = await runPrintedExec(s.run, s.dir, step.command!);
    expect(exec.code, exec.output).toBe(0);
    await s.run.recreate('keycloak');
    const renewed = secretsIn(s.dir).PREFECT_CI_CLIENT_SECRET!;
    expect(renewed).not.toBe(old);
    expect(await apiStatus(`Bearer ${await clientToken('prefect-ci', renewed)}`)).toBe(200);
    const refused = await hostRequest(TOKEN_ENDPOINT, {
      method: 'POST',
      headers: { authorization: basic('prefect-ci', old), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(refused.status).toBe(401);
  }, 240_000);
});
