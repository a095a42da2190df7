/**
 * Hand-written stacks that reproduce mistakes from forum answers and
 * community compose files: several checks fire on one file, as in real life.
 * Each expectation is the exact set of findings with file and line.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { loadStack } from '../../src/doctor/load/index.js';
import { fsTree } from '../../src/doctor/load/tree.js';
import { sortFindings } from '../../src/doctor/report.js';
import { runChecks } from '../../src/doctor/run.js';
import { brief } from './helpers.js';

async function doctor(name: string) {
  const dir = fileURLToPath(new URL(`../fixtures/doctor/${name}/`, import.meta.url));
  const results = await runChecks(loadStack(fsTree(dir), name), CHECKS);
  return sortFindings(results.flatMap((r) => r.findings));
}

describe('realistic stacks', () => {
  it('forum-keycloak-localhost: localhost issuer, openssl cookie secret, singular env, exposed backends', async () => {
    const findings = await doctor('forum-keycloak-localhost');
    expect(brief(findings)).toEqual([
      'error oauth2-proxy-cookie-secret .env:3',
      'error component-version-fixes docker-compose.yml:6',
      'error keycloak-default-admin docker-compose.yml:10',
      'error keycloak-proxy-option docker-compose.yml:11',
      'error oauth2-proxy-email-domain docker-compose.yml:15',
      'error oauth2-proxy-http-address docker-compose.yml:15',
      'error issuer-split-brain docker-compose.yml:21',
      'error oauth2-proxy-env-singular docker-compose.yml:25',
      'error redirect-cookie-secure docker-compose.yml:26',
      'error prefect-server-host docker-compose.yml:30',
      'error exposure-published-backend docker-compose.yml:34',
      'error prefect-ui-api-url docker-compose.yml:36',
      'error prefect-database-sslmode docker-compose.yml:37',
      'error prefect-server-auth-string docker-compose.yml:38',
      'error secrets-guessable docker-compose.yml:38',
      'error exposure-published-data docker-compose.yml:47',
      'warning issuer-keycloak-hostname docker-compose.yml:5',
      'warning keycloak-data-kept docker-compose.yml:7',
      'warning keycloak-admin-env docker-compose.yml:9',
      'warning keycloak-admin-env docker-compose.yml:10',
      'warning secrets-inline docker-compose.yml:10',
      'warning exposure-published-backend docker-compose.yml:13',
      'warning exposure-network-internal docker-compose.yml:30',
      'warning prefect-database-url-deprecated docker-compose.yml:37',
      'warning secrets-inline docker-compose.yml:37',
      'warning secrets-inline docker-compose.yml:38',
      'warning exposure-network-internal docker-compose.yml:40',
      'warning secrets-inline docker-compose.yml:44',
    ]);
    // The ignored singular variable explains why oauth2-proxy then has no email domain at all.
    expect(findings.find((f) => f.id === 'oauth2-proxy-env-singular')!.message).toContain('it reads OAUTH2_PROXY_EMAIL_DOMAINS');
    expect(findings.find((f) => f.id === 'oauth2-proxy-email-domain')!.message).toContain('sets no email_domains');
    expect(findings.find((f) => f.id === 'oauth2-proxy-cookie-secret')!.message).toContain('openssl rand -base64 32');
    // Never advice to pin the split-brain name: the suggested hostname is one both sides resolve.
    expect(findings.find((f) => f.id === 'issuer-keycloak-hostname')!.fix).toBe('KC_HOSTNAME: "http://keycloak.localtest.me:8080" (a name both the browser and containers resolve; see issuer-split-brain)');
  });

  it('traefik-google: v2 rule on v3, single-$ hash, open Google sign-in, bypassable API router', async () => {
    const findings = await doctor('traefik-google');
    expect(brief(findings)).toEqual([
      'error traefik-label-dollar docker-compose.yml:17',
      'error oauth2-proxy-email-domain docker-compose.yml:23',
      'error forwarded-headers-trust docker-compose.yml:26',
      'error redirect-domains docker-compose.yml:28',
      'error traefik-v2-rule-syntax docker-compose.yml:45',
      'error proxy-ui-api-auth docker-compose.yml:49',
      'error prefect-client-credentials docker-compose.yml:59',
      'error oauth2-proxy-cookie-secret oauth2-proxy.env:3',
      'warning forwarded-headers-trust docker-compose.yml:36',
      'warning exposure-network-internal docker-compose.yml:38',
      'warning prefect-api-url-format docker-compose.yml:58',
      'warning exposure-network-internal docker-compose.yml:62',
    ]);
    expect(findings.find((f) => f.id === 'oauth2-proxy-email-domain')!.why).toBe('any Google account can sign in to Prefect');
  });

  it('nginx-entra-handwritten: deprecated azure provider, v1-style issuer, open /api, quoted secret', async () => {
    const findings = await doctor('nginx-entra-handwritten');
    expect(brief(findings)).toEqual([
      'error env-quoted-value docker-compose.yml:17',
      'error prefect-db-auth-plugin docker-compose.yml:26',
      'error prefect-db-auth-plugin docker-compose.yml:26',
      'error prefect-database-tls-names docker-compose.yml:27',
      'error nginx-api-websocket nginx/conf.d/prefect.conf:19',
      'error proxy-api-body-size nginx/conf.d/prefect.conf:19',
      'error proxy-ui-api-auth nginx/conf.d/prefect.conf:19',
      'error nginx-auth-request-401 nginx/conf.d/prefect.conf:24',
      'error issuer-format oauth2-proxy/oauth2-proxy.cfg:2',
      'error redirect-url-mismatch oauth2-proxy/oauth2-proxy.cfg:4',
      'error prefect-toml-flat-keys prefect.toml:2',
      'warning exposure-network-internal docker-compose.yml:20',
      'warning nginx-api-buffering nginx/conf.d/prefect.conf:19',
      'warning oauth2-proxy-deprecated-provider oauth2-proxy/oauth2-proxy.cfg:1',
    ]);
    expect(findings.find((f) => f.id === 'issuer-format')!.fix).toBe('oidc_issuer_url = "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0"');
  });

  it('never prints a secret value from .env, env files or inline settings', async () => {
    const all = JSON.stringify([
      ...(await doctor('forum-keycloak-localhost')),
      ...(await doctor('traefik-google')),
      ...(await doctor('nginx-entra-handwritten')),
    ]);
    for (const secret of ['q7X+2m/9kLz8', 'kGWqzK4nJ0cQ', 'prefect:prefect@', 'admin:admin', 'GOCSPX', 'example-db-password', 'pnu_not_a_real_key', 'worker:example-password', 'not-a-real-entra-secret', 'Q2hhbmdlLW1l']) {
      expect(all).not.toContain(secret);
    }
  });
});
