/**
 * GitHub Actions OIDC on the machine host (machineAccess.githubActions): a
 * job sends its GitHub token, and a second oauth2-proxy checks it (issuer,
 * audience, expiry) and lets in only the exact subjects listed. No secret is
 * stored in GitHub. Workers keep their machine passwords: a token lives five
 * minutes, enough for `prefect deploy`, not for a flow run.
 */
import { renderTemplate } from '../../../render/templates.js';
import { EDGE_NETWORK, healthcheck, PROXY_SOURCE_RANGES, secretRef } from '../../compose.js';
import { file } from '../../files.js';
import { OAUTH2_PROXY_IMAGE, OAUTH2_PROXY_PORT } from '../../sso/oauth2Proxy/facts.js';
import { CA_IN_CONTAINER } from '../../target/server/facts.js';
import type { Component, PlanContext } from '../../types.js';
import {
  GITHUB_ACTIONS_ISSUER, GITHUB_PROXY_CONFIG, GITHUB_PROXY_CONFIG_FILE, GITHUB_PROXY_SERVICE, GITHUB_SUBJECTS, GITHUB_SUBJECTS_FILE,
} from './facts.js';

/** The audience the workflow asks for: the spec's, or the machine host's origin. */
export function githubAudience(ctx: Pick<PlanContext, 'spec' | 'urls'>): string {
  return ctx.spec.machineAccess.githubActions?.audience ?? new URL(ctx.urls.machineApi).origin;
}

export const githubActions: Component = {
  id: 'githubActions',
  concern: 'machineTokens',
  appliesTo: (spec) => spec.machineAccess.githubActions !== undefined,
  plan(ctx) {
    const { spec, urls, capabilities } = ctx;
    const settings = spec.machineAccess.githubActions!;
    const proxy = capabilities.proxyService;
    const audience = githubAudience(ctx);
    const ca = spec.tls?.ca;
    const config = [
      { key: 'provider', value: 'oidc' },
      { key: 'provider_display_name', value: 'GitHub Actions' },
      { key: 'oidc_issuer_url', value: GITHUB_ACTIONS_ISSUER, why: "GitHub's, exactly (no trailing slash)" },
      { key: 'client_id', value: audience, why: "a token's aud must be this: the audience the workflow asks for" },
      { key: 'client_secret_file', value: '/dev/null', why: 'GitHub gives this instance no client: it signs nobody in, it only checks tokens' },
      { key: 'skip_jwt_bearer_tokens', value: true, why: "a job's token is its session: issuer, audience, signature and expiry are checked" },
      { key: 'bearer_token_login_fallback', value: false, why: 'a token that fails them is refused (403), never sent to sign in' },
      { key: 'oidc_email_claim', value: 'sub', why: 'GitHub tokens carry no email: the subject (repository and branch, tag or environment) stands for it' },
      { key: 'authenticated_emails_file', value: GITHUB_SUBJECTS, why: 'only these exact subjects: any repository on GitHub can get a token for any audience' },
      { key: 'http_address', value: `0.0.0.0:${OAUTH2_PROXY_PORT}`, why: `the default 127.0.0.1 is unreachable from ${proxy}` },
      { key: 'reverse_proxy', value: true },
      { key: 'trusted_proxy_ips', value: PROXY_SOURCE_RANGES, why: `X-Forwarded-* only from ${proxy}` },
      { key: 'upstreams', value: ['static://202'], why: `${proxy} proxies; this instance only answers auth_request` },
      ...(ca
        ? [
            { key: 'provider_ca_files', value: [CA_IN_CONTAINER], why: 'the internal CA (tls.ca), for an issuer behind a TLS-inspecting gateway' },
            { key: 'use_system_trust_store', value: true, why: "and the public CAs GitHub's certificate chains to" },
          ]
        : []),
      { key: 'cookie_name', value: '_prefect_github', why: 'never set: tokens only' },
      { key: 'cookie_secure', value: true },
    ];
    return {
      services: [
        {
          name: GITHUB_PROXY_SERVICE,
          purpose: `Checks the OIDC tokens of GitHub Actions jobs on the machine host (${proxy} asks it); only the listed subjects get in.`,
          image: OAUTH2_PROXY_IMAGE,
          command: [`--config=${GITHUB_PROXY_CONFIG}`],
          // OIDC discovery runs once at start-up: restart until GitHub answers.
          restart: 'unless-stopped',
          // oauth2-proxy requires a cookie secret; this instance never sets a cookie, so the sign-in instance's serves.
          environment: [{ key: 'OAUTH2_PROXY_COOKIE_SECRET', value: secretRef('OAUTH2_PROXY_COOKIE_SECRET') }],
          ports: [],
          volumes: [
            { type: 'bind', source: `./${GITHUB_PROXY_CONFIG_FILE}`, target: GITHUB_PROXY_CONFIG, readOnly: true },
            { type: 'bind', source: `./${GITHUB_SUBJECTS_FILE}`, target: GITHUB_SUBJECTS, readOnly: true },
            ...(ca ? [{ type: 'bind' as const, source: `./${ca}`, target: CA_IN_CONTAINER, readOnly: true }] : []),
          ],
          // The edge network reaches the internet: GitHub's discovery document and keys are there.
          networks: [{ name: EDGE_NETWORK, aliases: [] }],
          dependsOn: [{ service: proxy, condition: 'service_started' }],
          healthcheck: healthcheck(['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${OAUTH2_PROXY_PORT}/ping`], '5s'),
          listensOn: OAUTH2_PROXY_PORT,
        },
      ],
      files: [
        file(GITHUB_PROXY_CONFIG_FILE, 'oauth2-proxy settings that check GitHub Actions tokens', () => renderTemplate('sso/oauth2Proxy/oauth2-proxy.cfg', {
            title: 'oauth2-proxy settings that check GitHub Actions tokens',
            notes: ['Its one secret, the cookie secret (required, never used: it sets no cookie),', 'reaches the container as OAUTH2_PROXY_COOKIE_SECRET from .env.'],
            settings: config,
          })),
        file(GITHUB_SUBJECTS_FILE, 'the GitHub Actions subjects that may use the API', () => renderTemplate('machineAccess/githubActions/github-subjects.txt', { subjects: settings.subjects })),
      ],
      nextSteps: [
        {
          order: 72,
          title: 'CI with GitHub Actions tokens',
          template: 'machineAccess/githubActions/steps/github-actions',
          view: { subjects: settings.subjects, audience, audienceParam: encodeURIComponent(audience), machineApi: urls.machineApi, service: GITHUB_PROXY_SERVICE, file: GITHUB_SUBJECTS_FILE, ca },
        },
      ],
    };
  },
};
