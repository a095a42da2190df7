import { describe, expect, it } from 'vitest';
import { parseCaddyfile } from '../../../src/doctor/load/caddy.js';
import { load } from '../helpers.js';

describe('oauth2-proxy settings', () => {
  it('merge flags over OAUTH2_PROXY_* over the config file, keeping where each came from', () => {
    const compose = `services:
  oauth2-proxy:
    image: quay.io/oauth2-proxy/oauth2-proxy:v7.15.3
    command: --config=/cfg/o.cfg --email-domain=a.com --email-domain=b.com --cookie-secure=false --reverse-proxy
    environment:
      OAUTH2_PROXY_CLIENT_ID: from-env
      OAUTH2_PROXY_PROVIDER: oidc
    volumes: ["./o.cfg:/cfg/o.cfg:ro"]
`;
    const cfg = 'provider = "google"\nclient_id = "from-cfg"\nredirect_url = "https://x.example.com/oauth2/callback"\n';
    const [instance] = load({ 'docker-compose.yml': compose, 'o.cfg': cfg }).oauth2Proxies;
    const get = (key: string) => instance!.settings.get(key);
    expect(get('provider')).toMatchObject({ value: 'oidc', via: 'env', name: 'OAUTH2_PROXY_PROVIDER' });
    expect(get('client_id')!.value).toBe('from-env');
    expect(get('redirect_url')).toMatchObject({ via: 'cfg', at: { file: 'o.cfg', line: 3 } });
    expect(get('email_domains')).toMatchObject({ value: ['a.com', 'b.com'], via: 'flag', name: '--email-domain' });
    expect(get('cookie_secure')!.value).toBe(false);
    expect(get('reverse_proxy')!.value).toBe(true);
    expect(instance!.fileSettings.map((s) => s.key)).toEqual(['provider', 'client_id', 'redirect_url']);
  });

  it('reads a standalone oauth2-proxy .cfg nobody mounts', () => {
    const [instance] = load({ 'auth/oauth2-proxy.cfg': 'provider = "github"\nemail_domains = ["*"]\n' }).oauth2Proxies;
    expect(instance).toMatchObject({ configFile: 'auth/oauth2-proxy.cfg' });
    expect(instance!.service).toBeUndefined();
  });
});

describe('Keycloak, Prefect and Traefik settings', () => {
  it('reads KC_* and --options, the mode and the major version', () => {
    const compose = 'services:\n  kc:\n    image: quay.io/keycloak/keycloak:25.0.6\n    command: ["start", "--hostname", "https://auth.example.com", "--http-enabled=true"]\n    environment:\n      KC_HTTP_RELATIVE_PATH: /auth\n';
    const [kc] = load({ 'docker-compose.yml': compose }).keycloaks;
    expect(kc).toMatchObject({ majorVersion: 25, official: true, mode: { value: 'start' } });
    expect(kc!.options.get('hostname')).toMatchObject({ value: 'https://auth.example.com', via: 'flag' });
    expect(kc!.options.get('http-relative-path')).toMatchObject({ value: '/auth', via: 'env', written: 'KC_HTTP_RELATIVE_PATH' });
  });

  it('maps prefect.toml tables to setting names and keeps flat keys apart', () => {
    const model = load({ 'prefect.toml': 'PREFECT_API_KEY = "x"\n[api]\nurl = "https://p.example.com/api"\n[server.ui]\napi_url = "https://p.example.com/api"\n' });
    const [file] = model.prefect.tomlFiles;
    expect([...file!.settings.keys()]).toEqual(['PREFECT_API_URL', 'PREFECT_SERVER_UI_API_URL']);
    expect(file!.settings.get('PREFECT_API_URL')!.at).toEqual({ file: 'prefect.toml', line: 3 });
    expect(file!.flatKeys.map((k) => [k.name, k.at.line])).toEqual([['PREFECT_API_KEY', 1]]);
  });

  it('reads Traefik routers and middlewares from labels, flags and a dynamic file', () => {
    const compose = `services:
  traefik:
    image: traefik:v3.7
    command: ["--entryPoints.web.address=:80", "--entryPoints.web.forwardedHeaders.trustedIPs=10.0.0.0/8", "--providers.file.directory=/dyn"]
    volumes: ["./dyn:/dyn:ro"]
  app:
    image: app
    labels:
      traefik.http.routers.app.rule: Host(\`app.example.com\`)
      traefik.http.routers.app.middlewares: sso@file
`;
    const dynamic = 'http:\n  middlewares:\n    sso:\n      forwardAuth:\n        address: http://oauth2-proxy:4180/oauth2/auth\n';
    const { traefik } = load({ 'docker-compose.yml': compose, 'dyn/auth.yml': dynamic });
    expect(traefik.majorVersion).toBe(3);
    expect(traefik.entryPoints.map((e) => [e.name, e.address?.value, e.trustedIPs.map((t) => t.value)])).toEqual([['web', ':80', ['10.0.0.0/8']]]);
    expect(traefik.routers).toEqual([expect.objectContaining({ name: 'app', owner: 'app', middlewares: ['sso'], rule: { value: 'Host(`app.example.com`)', at: { file: 'docker-compose.yml', line: 9 } } })]);
    expect(traefik.middlewares).toEqual([expect.objectContaining({ name: 'sso', kind: 'forwardAuth', at: { file: 'dyn/auth.yml', line: 3 } })]);
  });

  it('reads Caddyfile sites and their directives', () => {
    const sites = parseCaddyfile('{\n  email admin@example.com\n}\n\nprefect.example.com {\n  forward_auth oauth2-proxy:4180 {\n    uri /oauth2/auth\n  }\n  reverse_proxy prefect:4200\n}\n', 'Caddyfile');
    expect(sites).toEqual([
      expect.objectContaining({ addresses: ['prefect.example.com'], at: { file: 'Caddyfile', line: 5 } }),
    ]);
    expect(sites[0]!.directives.map((d) => [d.name, d.args, d.at.line])).toEqual([
      ['forward_auth', ['oauth2-proxy:4180'], 6],
      ['reverse_proxy', ['prefect:4200'], 9],
    ]);
  });
});
