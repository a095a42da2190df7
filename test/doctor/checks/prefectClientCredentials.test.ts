import { describe, expect, it } from 'vitest';
import { prefectClientCredentials } from '../../../src/doctor/checks/prefectClientCredentials.js';
import { brief, run } from '../helpers.js';

const PROFILES = `active = "ci"

[profiles.ci]
PREFECT_API_URL = "https://prefect-api.example.com/api"
PREFECT_API_KEY = "pnu_1234"
PREFECT_API_AUTH_STRING = "ci:secret"

[profiles.worker]
PREFECT_API_URL = "https://prefect-api.example.com/api"
PREFECT_API_AUTH_STRING = "worker:secret"
`;

describe('prefect-client-credentials', () => {
  it('reports a profile that sets both an API key and an auth string, without printing either', () => {
    const findings = run(prefectClientCredentials, { 'prefect/profiles.toml': PROFILES });
    expect(brief(findings)).toEqual(['error prefect-client-credentials prefect/profiles.toml:5']);
    expect(findings[0]!.message).toBe('profile "ci" in prefect/profiles.toml sets both PREFECT_API_KEY and PREFECT_API_AUTH_STRING');
    expect(JSON.stringify(findings)).not.toMatch(/pnu_1234|ci:secret/);
  });

  it('passes one credential per client', () => {
    expect(run(prefectClientCredentials, { 'prefect/profiles.toml': PROFILES.replace('PREFECT_API_KEY = "pnu_1234"\n', '') })).toEqual([]);
  });
});
