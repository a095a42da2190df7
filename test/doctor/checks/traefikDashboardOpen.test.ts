/** Traefik's dashboard reachable without authentication: a label router to api@internal with no auth middleware, and one with basicAuth. */
import { describe, expect, it } from 'vitest';
import { traefikDashboardOpen } from '../../../src/doctor/checks/traefikDashboardOpen.js';
import { brief, lineOf, run } from '../helpers.js';

const compose = (middlewares: string) => `services:
  traefik:
    image: traefik:v3.7.9
    command: ["--api.dashboard=true", "--providers.docker=true"]
    ports: ["443:443"]
    labels:
      - "traefik.http.routers.dashboard.rule=Host(\`traefik.example.com\`)"
      - "traefik.http.routers.dashboard.service=api@internal"
${middlewares}`;

describe('traefik-dashboard-open', () => {
  it('reports a router to api@internal with no authentication middleware', () => {
    const open = compose('');
    const findings = run(traefikDashboardOpen, { 'docker-compose.yml': open });
    expect(brief(findings)).toEqual([`error traefik-dashboard-open docker-compose.yml:${lineOf(open, 'routers.dashboard.rule')}`]);
  });

  it('passes the same router behind basicAuth', () => {
    const guarded = compose('      - "traefik.http.routers.dashboard.middlewares=ops-auth"\n      - "traefik.http.middlewares.ops-auth.basicauth.users=ops:$$2y$$05$$abcdefghijklmnopqrstuuJ5f5Zb4v1W6H3q8M1y0iN9xQ2wK7e6"\n');
    expect(run(traefikDashboardOpen, { 'docker-compose.yml': guarded })).toEqual([]);
  });
});
