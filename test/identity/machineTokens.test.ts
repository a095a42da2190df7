/**
 * machineAccess.tokens as rendered: oauth2-proxy takes bearer tokens as
 * sessions, the machine host lets in a machine password or a token, the
 * bundled Keycloak imports the CI client with its service account, and
 * NEXT_STEPS prints how CI gets a token from each provider. The real
 * software proves it in test/realstack/machineTokens.test.ts.
 */
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../src/config/load.js';
import { PRESETS } from '../../src/config/presets.js';
import { UserError } from '../../src/errors.js';
import { PROVIDER_CASES, renderProvider } from '../helpers/providerSpecs.js';
import { fileText, renderLocal } from '../helpers/stack.js';

const problemsOf = (input: object) => {
  try {
    validateSpec(input as never);
  } catch (error) {
    return Object.fromEntries((error as UserError).problems.map((p) => [p.path, p.message]));
  }
  return {};
};

describe('machineAccess.tokens', () => {
  const stack = renderLocal({ ...PRESETS.local, machineAccess: { ...PRESETS.local.machineAccess, tokens: {} } } as never);

  it('makes oauth2-proxy take a bearer token as a session and refuse a bad one outright', () => {
    const cfg = parseToml(fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg')) as Record<string, unknown>;
    expect(cfg).toMatchObject({ skip_jwt_bearer_tokens: true, bearer_token_login_fallback: false, allowed_roles: ['prefect-user'] });
    expect(cfg.oidc_extra_audiences).toBeUndefined();
  });

  it('lets a machine password or a token into the API on the machine host, and only there', () => {
    const nginx = fileText(stack, 'proxy/nginx.conf');
    const machine = nginx.slice(nginx.indexOf('server_name prefect-api.localtest.me;'));
    const api = machine.slice(machine.indexOf('location /api/ {'), machine.indexOf('location / {'));
    expect(api).toMatch(/satisfy any;\s+auth_basic "Prefect API";\s+auth_basic_user_file "\/etc\/nginx\/htpasswd";\s+auth_request \/oauth2\/auth;/);
    expect(machine).toContain('location = /oauth2/auth {');
    expect(nginx.match(/satisfy any;/g)).toHaveLength(1);
  });

  it('gives the bundled realm the CI client: a service account with the allowed role, the stack in aud, no email scope, its secret a placeholder', () => {
    const realm = JSON.parse(fileText(stack, 'keycloak/prefect-realm.json')) as { clients: Record<string, unknown>[]; users: Record<string, unknown>[] };
    const ci = realm.clients.find((c) => c.clientId === 'prefect-ci')!;
    expect(ci).toMatchObject({ serviceAccountsEnabled: true, standardFlowEnabled: false, publicClient: false, secret: '${PREFECT_CI_CLIENT_SECRET}' });
    expect(ci.defaultClientScopes).not.toContain('email');
    expect(JSON.stringify(ci.protocolMappers)).toContain('"included.client.audience":"prefect"');
    expect(realm.users.find((u) => u.serviceAccountClientId === 'prefect-ci')).toMatchObject({ realmRoles: ['prefect-user'] });
    expect(fileText(stack, '.env')).toMatch(/^PREFECT_CI_CLIENT_SECRET=[A-Za-z0-9_-]{43}$/m);
    expect(fileText(stack, 'docker-compose.yml')).toContain('PREFECT_CI_CLIENT_SECRET: "${PREFECT_CI_CLIENT_SECRET:?');
  });

  it("prints, for each provider that issues machine tokens, the token request with that provider's parameters", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['entra, app roles', {}, '-d scope=api://11111111-2222-3333-4444-555555555555/.default'],
      ['okta, custom authorization server', { scope: 'prefect' }, '-d scope=prefect'],
      ['auth0', { audience: 'https://prefect.example.com/api' }, '-d audience=https://prefect.example.com/api'],
      ['own keycloak', {}, '-d grant_type=client_credentials "$token_endpoint"'],
    ];
    for (const [name, tokens, expected] of cases) {
      const c = PROVIDER_CASES.find((p) => p.name === name)!;
      const rendered = renderProvider({ ...c, identityProvider: c.identityProvider, machineTokens: tokens } as never);
      const steps = fileText(rendered, 'NEXT_STEPS.md');
      expect(steps, name).toContain('## ');
      expect(steps, name).toContain(expected);
      expect(steps, name).toContain('with the client\'s secret in `CI_CLIENT_SECRET`');
    }
  });

  it('is refused with providers that give machines no token, and names what Okta and Auth0 need', () => {
    const base = { ...PRESETS.local, machineAccess: { users: ['worker'], tokens: {} } };
    expect(problemsOf({ ...base, identityProvider: { type: 'github', clientId: 'Iv1.abc', clientSecret: 'env:X', org: 'acme' } })['machineAccess.tokens']).toMatch(/^cannot be used with identityProvider.type: github/);
    expect(problemsOf({ ...base, identityProvider: { type: 'okta', domain: 'example.okta.com', clientId: '0oa1', clientSecret: 'env:X', allowedGroups: ['a'] } })['machineAccess.tokens.scope']).toMatch(/^is required with Okta/);
    expect(problemsOf({ ...base, identityProvider: { type: 'auth0', domain: 'example.eu.auth0.com', clientId: 'abc', clientSecret: 'env:X', allowedRoles: ['a'] } })['machineAccess.tokens.audience']).toMatch(/^is required with Auth0/);
  });
});
