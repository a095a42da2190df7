import { describe, expect, it } from 'vitest';
import { traefikLabelDollar } from '../../../src/doctor/checks/traefikLabelDollar.js';
import { brief, lineOf, run } from '../helpers.js';

const compose = (users: string) => `services:
  traefik:
    image: traefik:v3.7
    labels:
      - "traefik.http.middlewares.auth.basicauth.users=${users}"
`;

describe('traefik-label-dollar', () => {
  it('reports a basic-auth hash with single $ signs', () => {
    const text = compose('ci:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/');
    const findings = run(traefikLabelDollar, { 'docker-compose.yml': text });
    expect(brief(findings)).toEqual([`error traefik-label-dollar docker-compose.yml:${lineOf(text, 'basicauth.users')}`]);
    expect(findings[0]!.why).toContain('password hash reaches Traefik with parts cut out');
  });

  it('reports a bcrypt hash, which compose refuses outright ($2y is not a variable name)', () => {
    expect(run(traefikLabelDollar, { 'docker-compose.yml': compose('ci:$2y$05$abcdefghijklmnopqrstuu') })).toHaveLength(1);
  });

  it('passes doubled $$ and intended ${VAR} references', () => {
    expect(run(traefikLabelDollar, { 'docker-compose.yml': compose('ci:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/') })).toEqual([]);
    expect(run(traefikLabelDollar, { 'docker-compose.yml': compose('${TRAEFIK_USERS}'), '.env': 'TRAEFIK_USERS=x\n' })).toEqual([]);
  });
});
