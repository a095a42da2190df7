/** Database TLS settings are single-underscore names (…_CONNECT_ARGS_TLS_ENABLED); the `__TLS__` form is ignored. */
import { defineCheck } from './check.js';
import { prefectSettings } from './util/prefect.js';

const ID = 'prefect-database-tls-names';

export const prefectDatabaseTlsNames = defineCheck(
  {
    id: ID,
    title: 'Database TLS settings have the names Prefect reads',
    severity: 'error',
    appliesTo: (model) => model.prefect.services.length > 0,
  },
  (model, report) => {
    for (const s of prefectSettings(model)) {
      for (const name of s.names()) {
        if (!/^PREFECT_.*CONNECT_ARGS__/.test(name)) continue;
        const value = s.get(name);
        const fixed = name.replace(/__+/g, '_');
        report.error(value?.at ?? s.at, {
          message: `${s.label} sets ${name}, which Prefect does not read`,
          why: 'the database connection silently runs without the TLS settings you meant to apply',
          fix: `rename it to ${fixed}`,
        });
      }
    }
  },
);
