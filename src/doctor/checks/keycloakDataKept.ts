/**
 * Keycloak's embedded development database lives in /opt/keycloak/data
 * inside the container: without a volume there, everyone added in the admin
 * console (and every realm change) is gone when the container is recreated —
 * an image update, a `docker compose up` after a config change, `down`. The
 * rendered stack keeps it in a volume (components/identity/keycloak/facts.ts).
 */
import { KEYCLOAK_DATA_DIR } from '../../components/identity/keycloak/facts.js';
import { defineCheck } from './check.js';

const ID = 'keycloak-data-kept';

export const keycloakDataKept = defineCheck(
  {
    id: ID,
    title: "Keycloak's data outlives its container",
    severity: 'warning',
    appliesTo: (model) => model.keycloaks.some((k) => k.official),
  },
  (model, report) => {
    for (const keycloak of model.keycloaks.filter((k) => k.official)) {
      const db = keycloak.options.get('db')?.value;
      // A real database keeps the data elsewhere; the embedded one is the default of start-dev.
      const embedded = db === undefined ? keycloak.mode?.value === 'start-dev' : db === 'dev-file';
      if (!embedded) continue;
      const service = model.services.find((s) => s.name === keycloak.service);
      const kept = service?.volumes.some((v) => KEYCLOAK_DATA_DIR === v.target || KEYCLOAK_DATA_DIR.startsWith(`${v.target.replace(/\/$/, '')}/`));
      if (kept) continue;
      report.add('warning', keycloak.mode?.at ?? keycloak.at, {
        message: `${keycloak.service} keeps its users and realms in its embedded database inside the container (${KEYCLOAK_DATA_DIR}), with no volume there`,
        why: 'people added in the admin console, and every realm change made there, are lost whenever the container is recreated: an image update, a changed setting, docker compose down',
        fix: `under services.${keycloak.service}.volumes add  - keycloak-data:${KEYCLOAK_DATA_DIR}  (and keycloak-data: {} under volumes:), or give Keycloak a database (KC_DB)`,
      });
    }
  },
);
