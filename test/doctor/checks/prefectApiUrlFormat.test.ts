import { describe, expect, it } from 'vitest';
import { prefectApiUrlFormat } from '../../../src/doctor/checks/prefectApiUrlFormat.js';
import { brief, run } from '../helpers.js';

describe('prefect-api-url-format', () => {
  it('warns about a trailing slash in a profile (Prefect 3 drops it) and reports a missing /api in prefect.toml, with the nested fix', () => {
    const files = {
      'profiles.toml': '[profiles.dev]\nPREFECT_API_URL = "http://localhost:4200/api/"\n',
      'prefect.toml': '[api]\nurl = "https://prefect.example.com"\n',
    };
    const findings = run(prefectApiUrlFormat, files);
    expect(brief(findings)).toEqual(['warning prefect-api-url-format profiles.toml:2', 'error prefect-api-url-format prefect.toml:2']);
    expect(findings[0]!.why).toMatch(/^harmless to Prefect 3's own clients/);
    expect(findings[0]!.fix).toBe('PREFECT_API_URL = "http://localhost:4200/api"');
    expect(findings[1]!.fix).toBe('[api] url = "https://prefect.example.com/api"');
  });

  it('passes …/api and Prefect Cloud URLs', () => {
    const files = {
      'profiles.toml': '[profiles.dev]\nPREFECT_API_URL = "http://localhost:4200/api"\n[profiles.cloud]\nPREFECT_API_URL = "https://api.prefect.cloud/api/accounts/a/workspaces/b"\n',
    };
    expect(run(prefectApiUrlFormat, files)).toEqual([]);
  });
});
