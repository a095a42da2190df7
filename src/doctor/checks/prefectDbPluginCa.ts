/**
 * The database sign-in plugins (prefect-azure, prefect-aws) give asyncpg
 * their own `ssl.create_default_context()`, merged after Prefect's TLS
 * settings: `…_TLS_CA_FILE` no longer applies, and the server is verified
 * against OpenSSL's default paths only. A private CA (Amazon RDS's is in no
 * public store) must then be named by SSL_CERT_FILE, or every connection
 * fails with CERTIFICATE_VERIFY_FAILED.
 */
import { defineCheck } from './check.js';
import { DB_PLUGIN_FLAGS, isOn } from './util/database.js';

const ID = 'prefect-db-plugin-ca';
const CA_FILE = 'PREFECT_SERVER_DATABASE_SQLALCHEMY_CONNECT_ARGS_TLS_CA_FILE';

export const prefectDbPluginCa = defineCheck(
  {
    id: ID,
    title: "A sign-in plugin's TLS trusts the database's CA",
    severity: 'error',
    appliesTo: (model) => model.prefect.services.some((p) => p.role === 'server'),
  },
  (model, report) => {
    for (const server of model.prefect.services.filter((p) => p.role === 'server')) {
      const env = (name: string) => server.environment.get(name);
      const plugin = DB_PLUGIN_FLAGS.find((p) => isOn(env(p.flag)?.value));
      const ca = env(CA_FILE);
      if (!plugin || !ca?.value || env('SSL_CERT_FILE')?.value === ca.value) continue;
      report.error(ca.at, {
        message: `service ${server.service} trusts ${ca.value} for the database, but ${plugin.what} connects with its own TLS context, which does not read ${CA_FILE}`,
        why: 'the plugin verifies the server against the system CAs only: a private CA (Amazon RDS, your own) fails with CERTIFICATE_VERIFY_FAILED',
        fix: `SSL_CERT_FILE: "${ca.value}"   (the plugin's context reads it; the system's CA directory stays in use)`,
      });
    }
  },
);
