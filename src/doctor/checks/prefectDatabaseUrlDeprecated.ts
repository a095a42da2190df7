/** PREFECT_API_DATABASE_CONNECTION_URL is the old name; PREFECT_SERVER_DATABASE_CONNECTION_URL replaces it. */
import { defineCheck } from './check.js';
import { hasServerSettings, prefectSettings } from './util/prefect.js';

const ID = 'prefect-database-url-deprecated';

export const prefectDatabaseUrlDeprecated = defineCheck(
  {
    id: ID,
    title: 'The database URL uses the current setting name',
    severity: 'warning',
    appliesTo: hasServerSettings,
  },
  (model, report) => {
    for (const s of prefectSettings(model)) {
      const old = s.get('PREFECT_API_DATABASE_CONNECTION_URL');
      if (!old) continue;
      const both = s.get('PREFECT_SERVER_DATABASE_CONNECTION_URL');
      report.warning(old.at, {
        message: `${s.label} sets the deprecated PREFECT_API_DATABASE_CONNECTION_URL${both ? ' next to PREFECT_SERVER_DATABASE_CONNECTION_URL' : ''}`,
        why: both ? 'two names for one setting: a change to one may not take effect' : 'Prefect still accepts it but will drop it',
        fix: both ? 'delete PREFECT_API_DATABASE_CONNECTION_URL' : 'rename it to PREFECT_SERVER_DATABASE_CONNECTION_URL',
      });
    }
  },
);
