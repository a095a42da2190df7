/**
 * With a database sign-in plugin (Azure managed identity, RDS IAM) there is
 * no password: the plugin hands asyncpg a fresh token per connection, and it
 * replaces any password the settings hold. A password written next to it is
 * a credential that should not exist (and usually means the database user
 * still accepts one).
 */
import { defineCheck } from './check.js';
import { DB_PLUGIN_FLAGS, isOn, urlPassword } from './util/database.js';

const ID = 'prefect-db-plugin-password';

export const prefectDbPluginPassword = defineCheck(
  {
    id: ID,
    title: 'No database password beside a password-less sign-in',
    severity: 'warning',
    appliesTo: (model) => model.prefect.services.some((p) => p.role === 'server'),
  },
  (model, report) => {
    for (const server of model.prefect.services.filter((p) => p.role === 'server')) {
      const env = (name: string) => server.environment.get(name);
      const plugin = DB_PLUGIN_FLAGS.find((p) => isOn(env(p.flag)?.value));
      if (!plugin) continue;
      const password = env('PREFECT_SERVER_DATABASE_PASSWORD') ?? env('PREFECT_API_DATABASE_PASSWORD');
      const url = env('PREFECT_SERVER_DATABASE_CONNECTION_URL') ?? env('PREFECT_API_DATABASE_CONNECTION_URL');
      const where = password ?? (url?.value !== undefined && urlPassword(url.value) ? url : undefined);
      if (!where) continue;
      report.warning(where.at, {
        message: `service ${server.service} signs in to the database with ${plugin.what} and still holds a database password`,
        why: 'the plugin replaces it with a token at every connection, so the password only lies around as a secret nobody needs (and the database user likely still accepts it)',
        fix: `remove ${password ? 'PREFECT_SERVER_DATABASE_PASSWORD' : 'the password from the connection URL'}, and drop the user's password on the database (ALTER USER … PASSWORD NULL)`,
      });
    }
  },
);
