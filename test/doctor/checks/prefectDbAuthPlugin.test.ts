import { describe, expect, it } from 'vitest';
import { prefectDbAuthPlugin } from '../../../src/doctor/checks/prefectDbAuthPlugin.js';
import { brief, edit, goodStack, GOOD_COMPOSE, lineOf, run } from '../helpers.js';

const withPlugin = (extra: string) =>
  edit(GOOD_COMPOSE, '      PREFECT_SERVER_API_HOST: 0.0.0.0\n', `      PREFECT_SERVER_API_HOST: 0.0.0.0\n      PREFECT_INTEGRATIONS_AWS_RDS_IAM_ENABLED: "true"\n${extra}`);

describe('prefect-db-auth-plugin', () => {
  it('reports RDS IAM without PREFECT_PLUGINS_ENABLED and without prefect-aws in the stock image', () => {
    const compose = withPlugin('');
    const findings = run(prefectDbAuthPlugin, goodStack({ 'docker-compose.yml': compose }));
    const line = lineOf(compose, 'RDS_IAM_ENABLED');
    expect(brief(findings)).toEqual([`error prefect-db-auth-plugin docker-compose.yml:${line}`, `error prefect-db-auth-plugin docker-compose.yml:${line}`]);
    expect(findings[0]!.message).toContain('without PREFECT_PLUGINS_ENABLED=true');
    expect(findings[1]!.fix).toContain('EXTRA_PIP_PACKAGES: "prefect-aws"');
  });

  it('passes with plugins enabled and the integration installed', () => {
    const compose = withPlugin('      PREFECT_PLUGINS_ENABLED: "true"\n      EXTRA_PIP_PACKAGES: prefect-aws>=0.7.2\n');
    expect(run(prefectDbAuthPlugin, goodStack({ 'docker-compose.yml': compose }))).toEqual([]);
  });
});
