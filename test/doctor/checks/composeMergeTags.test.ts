/**
 * Compose input doctor used to misread: an override file's `!reset` and
 * `!override` tags (a reset port list is not published; an overridden one
 * replaces, not adds), and networks or named volumes no top-level section
 * declares, which make compose refuse the project.
 */
import { describe, expect, it } from 'vitest';
import { exposurePublishedData } from '../../../src/doctor/checks/exposurePublishedData.js';
import { inputComposeReference } from '../../../src/doctor/checks/inputComposeReference.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, load, run } from '../helpers.js';

const BASE = 'services:\n  postgres:\n    image: postgres:17\n    ports: ["5432:5432"]\n    environment:\n      POSTGRES_DB: prefect\n';

describe('compose merge tags', () => {
  it('!reset in the override file drops the ports of the file before', () => {
    const override = 'services:\n  postgres:\n    ports: !reset []\n';
    expect(run(exposurePublishedData, { 'compose.yaml': BASE, 'compose.override.yaml': override })).toEqual([]);
    // Without the tag, compose appends: the port stays published.
    expect(brief(run(exposurePublishedData, { 'compose.yaml': BASE, 'compose.override.yaml': 'services:\n  postgres:\n    ports: ["127.0.0.1:5433:5432"]\n' }))).toHaveLength(2);
  });

  it('!override replaces the list instead of adding to it', () => {
    const override = 'services:\n  postgres:\n    ports: !override ["127.0.0.1:5433:5432"]\n';
    expect(brief(run(exposurePublishedData, { 'compose.yaml': BASE, 'compose.override.yaml': override }))).toEqual(['warning exposure-published-data compose.override.yaml:3']);
    const env = load({ 'compose.yaml': BASE, 'compose.override.yaml': 'services:\n  postgres:\n    environment: !override\n      POSTGRES_USER: prefect\n' }).services[0]!.environment;
    expect([...env.keys()]).toEqual(['POSTGRES_USER']);
  });
});

describe('input-compose-reference', () => {
  it('reports a network and a named volume nobody declares', () => {
    let compose = edit(GOOD_COMPOSE, '    networks: [edge]\n  keycloak:', '    networks: [edge, frontend]\n  keycloak:');
    compose = edit(compose, '    image: postgres:17-alpine\n', '    image: postgres:17-alpine\n    volumes:\n      - pg-data:/var/lib/postgresql/data\n');
    const findings = run(inputComposeReference, goodStack({ 'docker-compose.yml': compose }));
    expect(brief(findings)).toEqual([
      `error input-compose-reference docker-compose.yml:${lineOf(compose, 'networks: [edge, frontend]')}`,
      `error input-compose-reference docker-compose.yml:${lineOf(compose, 'pg-data:/var')}`,
    ]);
    expect(findings[0]!.message).toBe('service oauth2-proxy joins network frontend, which the top-level networks: section does not declare');
  });

  it('passes declared networks and volumes, bind mounts and anonymous volumes', () => {
    expect(run(inputComposeReference, goodStack())).toEqual([]);
    const compose = 'services:\n  db:\n    image: postgres:17\n    volumes: ["./data:/var/lib/postgresql/data", "/tmp/x"]\n';
    expect(run(inputComposeReference, { 'docker-compose.yml': compose })).toEqual([]);
  });
});
