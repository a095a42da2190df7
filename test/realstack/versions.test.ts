/**
 * The versions the real-stack tests run next to the versions the rendered
 * stacks pin (the local one, and a server with certificates by ACME).
 * Keycloak, oauth2-proxy, Prefect, nginx, lego, Caddy and Traefik must agree on the minor
 * version; Debian 12 only gives an older PostgreSQL, and the README
 * says which one the proof ran against.
 */
import { expect, it } from 'vitest';
import { renderLocal, fileText } from '../helpers/stack.js';
import { describeRealStack } from './context.js';
import { programFor } from './programs/index.js';
import { imageTag } from './programs/types.js';
import { parse } from 'yaml';

const minor = (version: string) => version.replace(/^v/, '').split('.').slice(0, 2).join('.');
const MUST_AGREE = new Set(['keycloak', 'oauth2-proxy', 'prefect', 'nginx', 'lego', 'caddy', 'traefik']);

const SERVER_WITH_ACME = {
  version: 1,
  target: 'server',
  hosts: { ui: 'prefect.example.com', machine: 'prefect-api.example.com', idp: 'keycloak.example.com' },
  tls: { acme: { email: 'ops@example.com' } },
} as const;

describeRealStack('component versions', () => {
  it('match the images the rendered stacks pin (minor version) for Keycloak, oauth2-proxy, Prefect, nginx, lego, Caddy and Traefik', () => {
    const images = new Map<string, string>();
    for (const stack of [renderLocal(), renderLocal(SERVER_WITH_ACME), renderLocal({ version: 1, proxy: { type: 'caddy' } }), renderLocal({ version: 1, proxy: { type: 'traefik' } })]) {
      const compose = parse(fileText(stack, 'docker-compose.yml')) as { services: Record<string, { image: string }> };
      for (const [service, { image }] of Object.entries(compose.services)) images.set(service, image);
    }
    const rows = [...images].map(([service, image]) => {
      const program = programFor(image);
      if (!program) throw new Error(`no native program for ${image}`);
      return { service, pinned: imageTag(image).replace(/-.*$/, ''), installed: program.installedVersion(), program: program.name };
    });
    console.log(rows.map((r) => `${r.service.padEnd(16)} pinned ${r.pinned.padEnd(10)} tested ${r.installed}`).join('\n'));
    for (const row of rows.filter((r) => MUST_AGREE.has(r.program))) {
      expect(minor(row.installed), `${row.service}: stack pins ${row.pinned}, tests run ${row.installed}`).toBe(minor(row.pinned));
    }
    expect(rows.filter((r) => MUST_AGREE.has(r.program)).map((r) => r.program).sort()).toEqual([...MUST_AGREE].sort());
  });
});
