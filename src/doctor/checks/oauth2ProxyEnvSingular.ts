/**
 * oauth2-proxy reads OAUTH2_PROXY_ + the upper-cased config key, and list
 * keys are plural (EMAIL_DOMAINS, UPSTREAMS, …). The singular name people
 * copy from the flag (--email-domain) is silently ignored.
 */
import { IGNORED_ENV_NAMES } from '../load/oauth2ProxyOptions.js';
import { defineCheck } from './check.js';
import { service } from './util/stack.js';

const ID = 'oauth2-proxy-env-singular';

export const oauth2ProxyEnvSingular = defineCheck(
  {
    id: ID,
    title: 'oauth2-proxy environment variables have the names it reads',
    severity: 'error',
    appliesTo: (model) => model.oauth2Proxies.some((o) => o.service),
  },
  (model, report) => {
    for (const instance of model.oauth2Proxies) {
      const s = service(model, instance.service);
      if (!s) continue;
      for (const variable of s.environment.values()) {
        const correct = IGNORED_ENV_NAMES[variable.name];
        if (!correct) continue;
        const both = s.environment.has(correct);
        report.add(both ? 'warning' : 'error', variable.at, {
          message: `${variable.name} is not an oauth2-proxy variable; it reads ${correct}${both ? ', which is also set here' : ''}`,
          why: both ? 'the line does nothing and misleads whoever reads it' : 'oauth2-proxy silently ignores the setting, and runs as if it were not there',
          fix: both ? `delete the ${variable.name} line` : `rename it: ${correct}=… (comma-separated for several values)`,
        });
      }
    }
  },
);
