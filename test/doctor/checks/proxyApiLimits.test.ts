/**
 * What the proxy lets through to Prefect's API: log batches of up to 4 MB
 * (nginx's 1m default, an explicit small limit, Caddy's request_body,
 * Traefik's buffering middleware), every HTTP method, and enough time.
 */
import { describe, expect, it } from 'vitest';
import { nginxApiMethods } from '../../../src/doctor/checks/nginxApiMethods.js';
import { nginxApiReadTimeout } from '../../../src/doctor/checks/nginxApiReadTimeout.js';
import { proxyApiBodySize } from '../../../src/doctor/checks/proxyApiBodySize.js';
import { brief, edit, goodStack, GOOD_NGINX, lineOf, run } from '../helpers.js';

const API = '      proxy_buffering off;\n';
const inApi = (line: string) => edit(GOOD_NGINX, API, `${API}      ${line}\n`);
const withoutLimit = GOOD_NGINX.replace(/\s*client_max_body_size [^;]+;/, '');

describe('proxy-api-body-size', () => {
  it("reports nginx's 1m default where the location serves Prefect's API", () => {
    const findings = run(proxyApiBodySize, goodStack({ 'nginx.conf': withoutLimit }));
    expect(brief(findings)).toEqual([`error proxy-api-body-size nginx.conf:${lineOf(withoutLimit, 'location /api/')}`]);
    expect(findings[0]!.message).toBe("nginx accepts request bodies of at most 1 MiB (nginx's default) on location /api/, which serves Prefect's API");
    expect(findings[0]!.fix).toBe('client_max_body_size 16m;  (in this location or its server)');
  });

  it('points at an explicit limit below a log batch, and passes 16m and 0 (no limit)', () => {
    const small = inApi('client_max_body_size 2m;');
    expect(brief(run(proxyApiBodySize, goodStack({ 'nginx.conf': small })))).toEqual([`error proxy-api-body-size nginx.conf:${lineOf(small, 'client_max_body_size 2m')}`]);
    expect(run(proxyApiBodySize, goodStack({ 'nginx.conf': inApi('client_max_body_size 0;') }))).toEqual([]);
    expect(run(proxyApiBodySize, goodStack())).toEqual([]);
  });

  const CADDYFILE = (limit: string) => `prefect.example.com {
\thandle /api/* {
\t\trequest_body {
\t\t\tmax_size ${limit}
\t\t}
\t\treverse_proxy prefect-server:4200
\t}
}
`;
  const CADDY_COMPOSE = 'services:\n  caddy:\n    image: caddy:2.11.4-alpine\n    ports: ["443:443"]\n    volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]\n  prefect-server:\n    image: prefecthq/prefect:3.8.3-python3.12\n    command: prefect server start\n';

  it("reports Caddy's request_body max_size below 4 MB, and passes 16MiB", () => {
    const small = CADDYFILE('1MB');
    expect(brief(run(proxyApiBodySize, { 'docker-compose.yml': CADDY_COMPOSE, Caddyfile: small }))).toEqual([`error proxy-api-body-size Caddyfile:${lineOf(small, 'max_size')}`]);
    expect(run(proxyApiBodySize, { 'docker-compose.yml': CADDY_COMPOSE, Caddyfile: CADDYFILE('16MiB') })).toEqual([]);
  });

  const TRAEFIK_DYNAMIC = (bytes: number) => `http:
  routers:
    prefect:
      rule: Host(\`prefect.example.com\`)
      middlewares: [limit]
      service: prefect
  middlewares:
    limit:
      buffering:
        maxRequestBodyBytes: ${bytes}
  services:
    prefect:
      loadBalancer:
        servers:
          - url: http://prefect-server:4200
`;
  const TRAEFIK_COMPOSE = 'services:\n  traefik:\n    image: traefik:v3.7.9\n    ports: ["443:443"]\n    volumes: ["./traefik.yml:/etc/traefik/traefik.yml:ro", "./dynamic.yml:/etc/traefik/dynamic.yml:ro"]\n  prefect-server:\n    image: prefecthq/prefect:3.8.3-python3.12\n    command: prefect server start\n';
  const TRAEFIK_STATIC = 'entryPoints:\n  websecure:\n    address: ":443"\nproviders:\n  file:\n    filename: /etc/traefik/dynamic.yml\n';

  it("reports Traefik's buffering middleware below 4 MB on a router to Prefect, and passes 0", () => {
    const small = TRAEFIK_DYNAMIC(1048576);
    expect(brief(run(proxyApiBodySize, { 'docker-compose.yml': TRAEFIK_COMPOSE, 'traefik.yml': TRAEFIK_STATIC, 'dynamic.yml': small }))).toEqual([
      `error proxy-api-body-size dynamic.yml:${lineOf(small, 'maxRequestBodyBytes')}`,
    ]);
    expect(run(proxyApiBodySize, { 'docker-compose.yml': TRAEFIK_COMPOSE, 'traefik.yml': TRAEFIK_STATIC, 'dynamic.yml': TRAEFIK_DYNAMIC(0) })).toEqual([]);
  });
});

describe('nginx-api-methods', () => {
  it("reports limit_except that refuses some of Prefect's methods", () => {
    const nginx = inApi('limit_except GET POST { deny all; }');
    const findings = run(nginxApiMethods, goodStack({ 'nginx.conf': nginx }));
    expect(brief(findings)).toEqual([`error nginx-api-methods nginx.conf:${lineOf(nginx, 'limit_except')}`]);
    expect(findings[0]!.message).toBe("limit_except GET POST on location /api/ refuses PATCH, PUT, DELETE to Prefect's API");
  });

  it('passes a filter that names every method, and no filter', () => {
    expect(run(nginxApiMethods, goodStack({ 'nginx.conf': inApi('limit_except GET POST PATCH PUT DELETE { deny all; }') }))).toEqual([]);
    expect(run(nginxApiMethods, goodStack())).toEqual([]);
  });
});

describe('nginx-api-read-timeout', () => {
  it("warns about a read timeout below nginx's 60s default", () => {
    const nginx = inApi('proxy_read_timeout 10s;');
    expect(brief(run(nginxApiReadTimeout, goodStack({ 'nginx.conf': nginx })))).toEqual([`warning nginx-api-read-timeout nginx.conf:${lineOf(nginx, 'proxy_read_timeout 10s')}`]);
  });

  it('passes 3600s and the default', () => {
    expect(run(nginxApiReadTimeout, goodStack({ 'nginx.conf': inApi('proxy_read_timeout 3600s;') }))).toEqual([]);
    expect(run(nginxApiReadTimeout, goodStack())).toEqual([]);
  });
});
