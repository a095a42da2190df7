/**
 * asyncpg's `ssl=require` (and `prefer`, `allow`) encrypts without checking
 * the certificate: anyone on the path can pose as the database. Verified TLS
 * is Prefect's `…_CONNECT_ARGS_TLS_ENABLED` with the server's CA.
 */
import { defineCheck } from './check.js';
import { hasServerSettings, prefectSettings } from './util/prefect.js';

const ID = 'prefect-database-tls-unverified';

export const prefectDatabaseTlsUnverified = defineCheck(
  {
    id: ID,
    title: "The database's certificate is verified",
    severity: 'warning',
    appliesTo: hasServerSettings,
  },
  (model, report) => {
    for (const s of prefectSettings(model)) {
      for (const name of ['PREFECT_SERVER_DATABASE_CONNECTION_URL', 'PREFECT_API_DATABASE_CONNECTION_URL']) {
        const url = s.get(name);
        const mode = url && /\+asyncpg:/.test(url.value) ? /[?&]ssl=(require|prefer|allow|true)\b/.exec(url.value)?.[1] : undefined;
        if (!url || !mode) continue;
        report.warning(url.valueAt, {
          message: `the ${name} of ${s.label} asks asyncpg for ssl=${mode}, which encrypts but trusts any certificate`,
          why: 'anyone between Prefect and the database can pose as the database and read or change every flow run',
          fix: 'drop ?ssl=… and set PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_ENABLED=true with …_TLS_CA_FILE (the CA that signed the server\'s certificate); prefect-secure: database.tls: verify with database.ca',
        });
      }
    }
  },
);
