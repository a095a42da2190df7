/**
 * asyncpg does not understand libpq's `sslmode`: `?sslmode=require` fails with
 * "connect() got an unexpected keyword argument 'sslmode'". `?ssl=require`
 * encrypts without verifying; verified TLS uses the CONNECT_ARGS_TLS_* settings.
 */
import { defineCheck } from './check.js';
import { hasServerSettings, prefectSettings } from './util/prefect.js';

const ID = 'prefect-database-sslmode';

export const prefectDatabaseSslmode = defineCheck(
  {
    id: ID,
    title: 'The asyncpg database URL carries no sslmode',
    severity: 'error',
    appliesTo: hasServerSettings,
  },
  (model, report) => {
    for (const s of prefectSettings(model)) {
      for (const name of ['PREFECT_SERVER_DATABASE_CONNECTION_URL', 'PREFECT_API_DATABASE_CONNECTION_URL']) {
        const url = s.get(name);
        if (!url || !/\+asyncpg:/.test(url.value) || !/[?&]sslmode=/.test(url.value)) continue;
        report.error(url.valueAt, {
          message: `the ${name} of ${s.label} uses the asyncpg driver with ?sslmode=…`,
          why: "the server cannot connect: asyncpg's connect() got an unexpected keyword argument 'sslmode'",
          fix: 'drop it and set PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED=true with ..._TLS_CA_FILE (verified TLS); asyncpg\'s ?ssl=require only encrypts, trusting any certificate',
        });
      }
    }
  },
);
