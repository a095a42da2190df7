/** On the server only PREFECT_SERVER_API_AUTH_STRING enables basic auth (3.1.8+); PREFECT_API_AUTH_STRING there does nothing. */
import { defineCheck } from './check.js';
import { prefectSettings } from './util/prefect.js';

const ID = 'prefect-server-auth-string';

export const prefectServerAuthString = defineCheck(
  {
    id: ID,
    title: 'The server auth string uses the server setting',
    severity: 'error',
    appliesTo: (model) => model.prefect.services.some((p) => p.role === 'server') || model.prefect.tomlFiles.length > 0,
  },
  (model, report) => {
    for (const s of prefectSettings(model).filter((p) => p.kind === 'server')) {
      const client = s.get('PREFECT_API_AUTH_STRING');
      if (!client || s.get('PREFECT_SERVER_API_AUTH_STRING')) continue;
      report.error(client.at, {
        message: `${s.label} sets PREFECT_API_AUTH_STRING, a client setting; the server ignores it`,
        why: 'the server runs without basic auth although the file suggests it is protected',
        fix: 'rename it to PREFECT_SERVER_API_AUTH_STRING (Prefect 3.1.8 or newer)',
      });
    }
  },
);
