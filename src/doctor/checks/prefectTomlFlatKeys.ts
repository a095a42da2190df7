/** prefect.toml and [tool.prefect] take nested tables of field names; flat PREFECT_* keys there are silently ignored. */
import { defineCheck } from './check.js';
import { prefectLine } from './util/prefect.js';

const ID = 'prefect-toml-flat-keys';

export const prefectTomlFlatKeys = defineCheck(
  {
    id: ID,
    title: 'prefect.toml uses nested tables',
    severity: 'error',
    appliesTo: (model) => model.prefect.tomlFiles.length > 0,
  },
  (model, report) => {
    for (const file of model.prefect.tomlFiles) {
      for (const key of file.flatKeys) {
        const nested = prefectLine({ label: file.file, kind: 'toml', at: { file: file.file }, get: () => undefined, names: () => [] }, key.name, '…');
        report.error(key.at, {
          message: `${file.file} sets ${key.name} as a flat key, which Prefect ignores in this file`,
          why: 'the setting silently has no effect (flat PREFECT_* names belong in profiles.toml or the environment)',
          fix: nested.includes('[') ? `write it nested: ${nested}` : `write it as a nested table of field names, e.g. ${key.name.replace(/^PREFECT_([A-Z]+)_(.*)$/, (_m, t: string, f: string) => `[${t.toLowerCase()}] ${f.toLowerCase()} = …`)}`,
        });
      }
    }
  },
);
