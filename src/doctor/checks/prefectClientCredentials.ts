/** A client with both PREFECT_API_KEY and PREFECT_API_AUTH_STRING: since 3.4.1 the auth string wins, while the docs say the key does. */
import { defineCheck } from './check.js';
import { hasPrefectSettings, prefectSettings } from './util/prefect.js';

const ID = 'prefect-client-credentials';

export const prefectClientCredentials = defineCheck(
  {
    id: ID,
    title: 'Each Prefect client uses one kind of credential',
    severity: 'error',
    appliesTo: hasPrefectSettings,
  },
  (model, report) => {
    for (const s of prefectSettings(model).filter((p) => p.kind !== 'server')) {
      const key = s.get('PREFECT_API_KEY');
      const auth = s.get('PREFECT_API_AUTH_STRING');
      if (!key || !auth || !key.value || !auth.value) continue;
      report.error(key.at, {
        message: `${s.label} sets both PREFECT_API_KEY and PREFECT_API_AUTH_STRING`,
        why: 'only one Authorization header is sent (the basic auth string since Prefect 3.4.1, the key before), so one credential is silently unused and a change to it has no effect',
        fix: 'keep PREFECT_API_AUTH_STRING for a basic-auth gate, or PREFECT_API_KEY for a bearer-token gate, and delete the other',
      });
    }
  },
);
