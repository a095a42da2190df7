/**
 * Database-auth plugins (AWS RDS IAM from prefect-aws, Azure managed identity
 * from prefect-azure) only run with PREFECT_PLUGINS_ENABLED=true (3.7+;
 * PREFECT_EXPERIMENTS_PLUGINS_ENABLED before) and with the integration
 * installed in the image.
 */
import { defineCheck } from './check.js';
import { service } from './util/stack.js';
import { imageRepo } from '../load/roles.js';
import { DB_PLUGIN_FLAGS, isOn } from './util/database.js';

const ID = 'prefect-db-auth-plugin';

const PLUGINS = DB_PLUGIN_FLAGS;
const on = isOn;

export const prefectDbAuthPlugin = defineCheck(
  {
    id: ID,
    title: 'Database-auth plugins are enabled and installed',
    severity: 'error',
    appliesTo: (model) => model.prefect.services.some((p) => p.role === 'server'),
  },
  (model, report) => {
    for (const server of model.prefect.services.filter((p) => p.role === 'server')) {
      const env = (name: string) => server.environment.get(name);
      for (const plugin of PLUGINS) {
        const flag = env(plugin.flag);
        if (!flag || !on(flag.value)) continue;
        if (!on(env('PREFECT_PLUGINS_ENABLED')?.value) && !on(env('PREFECT_EXPERIMENTS_PLUGINS_ENABLED')?.value)) {
          report.error(flag.at, {
            message: `service ${server.service} enables ${plugin.what} (${plugin.flag}) without PREFECT_PLUGINS_ENABLED=true`,
            why: 'plugins are off by default: the server connects without the token and the database refuses the password-less login',
            fix: 'PREFECT_PLUGINS_ENABLED: "true"   (Prefect 3.7+; PREFECT_EXPERIMENTS_PLUGINS_ENABLED before 3.7)',
          });
        }
        const s = service(model, server.service);
        const stock = s ? /^(docker\.io\/)?prefecthq\/prefect$/.test(imageRepo(s)) : false;
        const extra = env('EXTRA_PIP_PACKAGES')?.value ?? '';
        if (stock && !extra.split(/[\s,]+/).some((p) => p.replace(/[<>=!~[].*$/, '') === plugin.package)) {
          report.error(flag.at, {
            message: `service ${server.service} runs the stock prefecthq/prefect image, which does not contain ${plugin.package}`,
            why: `the ${plugin.what} plugin is not there to load`,
            fix: `EXTRA_PIP_PACKAGES: "${plugin.package}"   (installed at container start), or build an image FROM prefecthq/prefect with it`,
          });
        }
      }
    }
  },
);
