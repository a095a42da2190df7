/**
 * One spec per identity provider shape, for the provider tests: each with the
 * client secret it names in its environment, and what oauth2-proxy must be
 * told. Entra ID and Google refuse a plain-http redirect URI, which the local
 * target serves, so their stacks render on the server target.
 */
import { isDeepStrictEqual } from 'node:util';
import { canonicalSpec } from '../../src/config/canonical.js';
import { validateSpec } from '../../src/config/load.js';
import { PRESETS } from '../../src/config/presets.js';
import { generateStack, type Generated } from '../../src/generate.js';
import { seededRandom } from './seededRandom.js';

/** The client secret every provider case names (env:IDP_CLIENT_SECRET). */
export const CLIENT_SECRET = 'client-secret-issued-by-the-provider-0123';

export interface ProviderCase {
  name: string;
  identityProvider: Record<string, unknown>;
  /** Needs https: rendered on the server target. */
  https?: true;
  /** oauth2-proxy settings the rendered config must hold. */
  expect: Record<string, unknown>;
  /** The server target's tls part, when the case sets one. */
  tls?: Record<string, unknown>;
  /** machineAccess.tokens, when the case sets it. */
  machineTokens?: Record<string, unknown>;
  /** machineAccess.githubActions, when the case sets it (server target). */
  githubActions?: Record<string, unknown>;
}

const secret = { clientSecret: 'env:IDP_CLIENT_SECRET' };

export const PROVIDER_CASES: ProviderCase[] = [
  {
    name: 'entra, app roles',
    https: true,
    identityProvider: { type: 'entra', tenantId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47', clientId: '11111111-2222-3333-4444-555555555555', ...secret, allowedRoles: ['Prefect.Access'] },
    expect: { provider: 'entra-id', oidc_issuer_url: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', client_id: '11111111-2222-3333-4444-555555555555', oidc_groups_claim: 'roles', allowed_groups: ['Prefect.Access'], email_domains: ['*'], scope: 'openid email profile offline_access' },
  },
  {
    name: 'entra, groups, accounts without a mailbox',
    https: true,
    identityProvider: { type: 'entra', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '11111111-2222-3333-4444-555555555555', ...secret, allowedGroups: ['aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'], emailClaim: 'preferred_username' },
    expect: { provider: 'entra-id', allowed_groups: ['aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'], oidc_email_claim: 'preferred_username', scope: 'openid email profile offline_access User.Read', oidc_groups_claim: undefined },
  },
  {
    name: 'okta, custom authorization server',
    identityProvider: { type: 'okta', domain: 'Example.okta.com', clientId: '0oa1b2c3d4e5f6g7h8i9', ...secret, allowedGroups: ['Prefect Users'] },
    expect: { provider: 'oidc', oidc_issuer_url: 'https://example.okta.com/oauth2/default', oidc_groups_claim: 'groups', allowed_groups: ['Prefect Users'], scope: 'openid email profile offline_access' },
  },
  {
    name: 'okta, org authorization server',
    identityProvider: { type: 'okta', domain: 'example.okta.com', authorizationServer: 'org', clientId: '0oa1b2c3d4e5f6g7h8i9', ...secret, allowedGroups: ['Everyone'] },
    expect: { provider: 'oidc', oidc_issuer_url: 'https://example.okta.com', scope: 'openid email profile offline_access groups' },
  },
  {
    name: 'auth0',
    identityProvider: { type: 'auth0', domain: 'example.eu.auth0.com', clientId: 'AbCdEf0123456789', ...secret, allowedRoles: ['prefect-user'] },
    expect: { provider: 'oidc', oidc_issuer_url: 'https://example.eu.auth0.com/', oidc_groups_claim: 'https://prefect.localtest.me/roles', allowed_groups: ['prefect-user'] },
  },
  {
    name: 'google',
    https: true,
    identityProvider: { type: 'google', clientId: '1234567890-abc123.apps.googleusercontent.com', ...secret, emailDomains: ['Example.com'] },
    expect: { provider: 'google', oidc_issuer_url: undefined, email_domains: ['example.com'] },
  },
  {
    name: 'github, teams',
    identityProvider: { type: 'github', clientId: 'Iv1.0123456789abcdef', ...secret, org: 'acme', teams: ['data', 'ops'] },
    expect: { provider: 'github', oidc_issuer_url: undefined, github_org: 'acme', github_team: 'data,ops', email_domains: ['*'], cookie_expire: '24h' },
  },
  {
    name: 'gitlab.com',
    identityProvider: { type: 'gitlab', clientId: 'abc123', ...secret, groups: ['acme/data'] },
    expect: { provider: 'gitlab', oidc_issuer_url: 'https://gitlab.com', gitlab_groups: ['acme/data'] },
  },
  {
    name: 'gitlab, own instance',
    identityProvider: { type: 'gitlab', url: 'https://gitlab.example.com/', clientId: 'abc123', ...secret, groups: ['platform'] },
    expect: { oidc_issuer_url: 'https://gitlab.example.com' },
  },
  {
    name: 'oidc, groups in a requested scope',
    identityProvider: { type: 'oidc', issuerUrl: 'https://sso.example.com/', clientId: 'prefect', ...secret, allowedGroups: ['prefect'], scopes: ['groups'] },
    expect: { provider: 'oidc', oidc_issuer_url: 'https://sso.example.com/', allowed_groups: ['prefect'], oidc_groups_claim: 'groups', scope: 'openid email profile groups' },
  },
  {
    // oauth2-proxy would add a "groups" scope on its own with allowed_groups; Keycloak refuses it (invalid_scope).
    name: 'oidc, groups in a claim of the ID token, no extra scope',
    identityProvider: { type: 'oidc', issuerUrl: 'https://sso.example.com/realms/staff', clientId: 'prefect', ...secret, allowedGroups: ['prefect-user'], groupsClaim: 'roles' },
    expect: { provider: 'oidc', allowed_groups: ['prefect-user'], oidc_groups_claim: 'roles', scope: 'openid email profile' },
  },
  {
    name: 'oidc, email domains',
    identityProvider: { type: 'oidc', issuerUrl: 'https://idp.example.org/application/o/prefect/', clientId: 'prefect', ...secret, emailDomains: ['example.org'], emailClaim: 'upn' },
    expect: { email_domains: ['example.org'], oidc_email_claim: 'upn', allowed_groups: undefined },
  },
  {
    name: 'own keycloak',
    identityProvider: { type: 'keycloak', bundled: false, url: 'https://sso.example.com/', realm: 'staff', ...secret, allowedRoles: ['prefect-user'] },
    expect: { provider: 'keycloak-oidc', oidc_issuer_url: 'https://sso.example.com/realms/staff', allowed_roles: ['prefect-user'], backend_logout_url: 'https://sso.example.com/realms/staff/protocol/openid-connect/logout?id_token_hint={id_token}' },
  },
];

/**
 * The stack of one provider case: on the local target, or, for the providers
 * that accept no plain-http redirect URI, on the server target.
 */
export function renderProvider(c: ProviderCase, env: NodeJS.ProcessEnv = { IDP_CLIENT_SECRET: CLIENT_SECRET }): Generated {
  const base = c.https
    ? { ...PRESETS.local, target: 'server', hosts: { ui: 'prefect.example.com', machine: 'prefect-api.example.com' }, identityProvider: c.identityProvider, ...(c.tls ? { tls: c.tls } : {}) }
    : { ...PRESETS.local, identityProvider: c.identityProvider };
  const machineAccess = {
    ...PRESETS.local.machineAccess,
    ...(c.machineTokens ? { tokens: c.machineTokens } : {}),
    ...(c.githubActions ? { githubActions: c.githubActions } : {}),
  };
  const input = c.machineTokens || c.githubActions ? { ...base, machineAccess } : base;
  const spec = validateSpec(input as never);
  // The spec written into the stack must read back as this spec (render, rotate and doctor read it there).
  if (!isDeepStrictEqual(validateSpec(canonicalSpec(spec) as never), spec)) throw new Error(`${c.name}: the written spec does not read back as the same spec`);
  return generateStack({ spec, specSource: { input: canonicalSpec(spec) }, random: seededRandom(c.name), env });
}
