/**
 * What the local preset renders, checked by the parsers and public schemas
 * of the tools that will read it (nginx itself runs in test/e2e).
 */
import { Ajv } from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compileSchema } from '../helpers/schemas.js';
import { fileText, renderLocal } from '../helpers/stack.js';

const stack = renderLocal();

describe('rendered files parse and validate', () => {
  it('docker-compose.yml matches the compose specification schema', () => {
    const { validate, errors } = compileSchema('compose-spec.json');
    const compose = parseYaml(fileText(stack, 'docker-compose.yml'));
    expect(validate(compose), errors()).toBe(true);
    expect(compose).not.toHaveProperty('version');
  });

  it('the compose schema really rejects a broken file (the validator is live)', () => {
    const { validate } = compileSchema('compose-spec.json');
    const compose = parseYaml(fileText(stack, 'docker-compose.yml'));
    compose.services.nginx.ports[0].published = 'not a port';
    compose.services.nginx.restart_policy = 'always';
    expect(validate(compose)).toBe(false);
  });

  it('profiles.toml has a profile per client with the API URL and credentials', () => {
    const profiles = parseToml(fileText(stack, 'prefect/profiles.toml')) as {
      active: string;
      profiles: Record<string, Record<string, string>>;
    };
    expect(profiles.active).toBe('worker');
    expect(Object.keys(profiles.profiles)).toEqual(['ci', 'worker']);
    for (const [name, profile] of Object.entries(profiles.profiles)) {
      expect(profile.PREFECT_API_URL).toBe('http://prefect-api.localtest.me:8080/api');
      const password = stack.secrets[`PREFECT_MACHINE_${name.toUpperCase()}_PASSWORD`];
      expect(profile.PREFECT_API_AUTH_STRING).toBe(`${name}:${password}`);
      const headers = JSON.parse(profile.PREFECT_CLIENT_CUSTOM_HEADERS!) as Record<string, string>;
      expect(headers).toEqual({ Authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });
      expect(profile.PREFECT_API_KEY).toBeUndefined();
    }
  });

  it('prefect.toml uses nested tables only, and carries no credential', () => {
    const text = fileText(stack, 'prefect/prefect.toml');
    const settings = parseToml(text) as Record<string, unknown>;
    expect(settings).toEqual({
      api: { url: 'http://prefect-api.localtest.me:8080/api' },
      ui: { url: 'http://prefect.localtest.me:8080' },
      cli: { prompt: false },
    });
    expect(Object.keys(settings).some((key) => key.startsWith('PREFECT_'))).toBe(false);
    for (const value of Object.values(stack.secrets)) expect(text.includes(value)).toBe(false);
  });

  it('oauth2-proxy.cfg is TOML with the plural list names and no secret', () => {
    const cfg = parseToml(fileText(stack, 'oauth2-proxy/oauth2-proxy.cfg')) as Record<string, unknown>;
    expect(cfg).toMatchObject({
      provider: 'keycloak-oidc',
      oidc_issuer_url: 'http://keycloak.localtest.me:8080/realms/prefect',
      redirect_url: 'http://prefect.localtest.me:8080/oauth2/callback',
      code_challenge_method: 'S256',
      http_address: '0.0.0.0:4180',
      reverse_proxy: true,
      email_domains: ['*'],
      allowed_roles: ['prefect-user'],
      cookie_secure: false,
      upstreams: ['static://202'],
    });
    expect(cfg).not.toHaveProperty('cookie_secret');
    expect(cfg).not.toHaveProperty('client_secret');
    expect(cfg).not.toHaveProperty('email_domain');
  });

  it('the realm is JSON with a confidential client, an audience mapper and a demo user', () => {
    const realm = JSON.parse(fileText(stack, 'keycloak/prefect-realm.json'));
    const [client] = realm.clients;
    expect(client).toMatchObject({
      clientId: 'prefect',
      publicClient: false,
      secret: '${OAUTH2_PROXY_CLIENT_SECRET}',
      redirectUris: ['http://prefect.localtest.me:8080/oauth2/callback'],
      webOrigins: ['http://prefect.localtest.me:8080'],
    });
    expect(client.protocolMappers).toContainEqual(
      expect.objectContaining({ protocolMapper: 'oidc-audience-mapper', config: expect.objectContaining({ 'included.client.audience': 'prefect' }) }),
    );
    expect(realm.users).toHaveLength(1);
    expect(realm.users[0].credentials[0].value).toBe('${KEYCLOAK_DEMO_PASSWORD}');
  });

  it('the GitHub Actions example is YAML that deploys with --no-prompt and reads credentials from secrets', () => {
    const workflow = parseYaml(fileText(stack, 'prefect/github-actions-deploy.yml'));
    const job = workflow.jobs.deploy;
    expect(job.env.PREFECT_API_AUTH_STRING).toBe('${{ secrets.PREFECT_API_AUTH_STRING }}');
    expect(job.steps.at(-1).run).toBe('prefect --no-prompt deploy --all');
  });

  it('the cookie secret decodes to exactly 32 bytes, as oauth2-proxy requires', () => {
    const secret = stack.secrets.OAUTH2_PROXY_COOKIE_SECRET!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });

  it('the .env file holds every generated secret and .gitignore covers it', () => {
    const env = fileText(stack, '.env');
    for (const [name, value] of Object.entries(stack.secrets)) expect(env).toContain(`\n${name}=${value}\n`);
    expect(fileText(stack, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['/.env', '/prefect/profiles.toml', '/proxy/htpasswd']));
    expect(fileText(stack, '.env.example')).not.toMatch(/=[^\n]/);
  });

  it('the spec written into the stack carries the schema line and parses back to the same spec', () => {
    const text = fileText(stack, 'prefect-secure.yaml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./prefect-secure.schema.json');
    const schemaJson = JSON.parse(fileText(stack, 'prefect-secure.schema.json'));
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate({ ...schemaJson, $schema: undefined }, parseYaml(text)), ajv.errorsText()).toBe(true);
  });
});
