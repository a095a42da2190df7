/** A well-known admin password (admin, password, changeme, …) on Keycloak. The value is never printed. */
import { is } from '../load/roles.js';
import { defineCheck } from './check.js';
import { service } from './util/stack.js';

const ID = 'keycloak-default-admin';
const WEAK = new Set(['admin', 'password', 'changeme', 'change_me', 'keycloak', 'secret', '123456', '12345678', 'admin123', 'pass', 'test']);
const PASSWORD_VARS = ['KC_BOOTSTRAP_ADMIN_PASSWORD', 'KEYCLOAK_ADMIN_PASSWORD', 'KEYCLOAK_PASSWORD', 'KC_DB_PASSWORD'];

export const keycloakDefaultAdmin = defineCheck(
  {
    id: ID,
    title: 'Keycloak has no default admin password',
    severity: 'error',
    appliesTo: (model) => model.services.some(is.keycloak),
  },
  (model, report) => {
    for (const keycloak of model.keycloaks) {
      const s = service(model, keycloak.service);
      if (!s) continue;
      for (const name of PASSWORD_VARS) {
        const variable = s.environment.get(name);
        if (!variable?.value || !WEAK.has(variable.value.trim().toLowerCase())) continue;
        report.error(variable.valueAt ?? variable.at, {
          message: `${name} of ${keycloak.service}${variable.refs[0] ? ` (from ${variable.refs[0]})` : ''} is a well-known default password`,
          why: name === 'KC_DB_PASSWORD' ? 'anyone who reaches the database owns every account' : 'anyone who reaches the admin console can create users and read client secrets',
          fix: `set ${variable.refs[0] ?? name} to a random value:  openssl rand -base64 24`,
        });
      }
    }
  },
);
