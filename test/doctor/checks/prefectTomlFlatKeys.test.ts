import { describe, expect, it } from 'vitest';
import { prefectTomlFlatKeys } from '../../../src/doctor/checks/prefectTomlFlatKeys.js';
import { brief, run } from '../helpers.js';

describe('prefect-toml-flat-keys', () => {
  it('reports flat PREFECT_* keys in prefect.toml and in pyproject [tool.prefect]', () => {
    const findings = run(prefectTomlFlatKeys, {
      'prefect.toml': '# CI settings\nPREFECT_API_URL = "https://prefect.example.com/api"\n',
      'pyproject.toml': '[project]\nname = "flows"\n\n[tool.prefect]\nPREFECT_SERVER_API_HOST = "0.0.0.0"\n',
    });
    expect(brief(findings).sort()).toEqual(['error prefect-toml-flat-keys prefect.toml:2', 'error prefect-toml-flat-keys pyproject.toml:5']);
    expect(findings.find((f) => f.file === 'prefect.toml')!.fix).toBe('write it nested: [api] url = "…"');
  });

  it('passes nested tables', () => {
    expect(run(prefectTomlFlatKeys, { 'prefect.toml': '[api]\nurl = "https://prefect.example.com/api"\n\n[server.ui]\napi_url = "https://prefect.example.com/api"\n' })).toEqual([]);
  });
});
