/**
 * Keycloak 26 creates the first admin from KC_BOOTSTRAP_ADMIN_USERNAME/_PASSWORD;
 * KEYCLOAK_ADMIN/_PASSWORD are deprecated. KEYCLOAK_USER/_PASSWORD belonged to
 * the old jboss image and create nobody on current images.
 */
import { defineCheck } from './check.js';

const ID = 'keycloak-admin-env';

export const keycloakAdminEnv = defineCheck(
  {
    id: ID,
    title: 'The Keycloak bootstrap admin uses current variables',
    severity: 'error',
    appliesTo: (model) => model.keycloaks.some((k) => k.official),
  },
  (model, report) => {
    for (const keycloak of model.keycloaks.filter((k) => k.official)) {
      const env = keycloak.environment;
      for (const [name, replacement] of [['KEYCLOAK_USER', 'KC_BOOTSTRAP_ADMIN_USERNAME'], ['KEYCLOAK_PASSWORD', 'KC_BOOTSTRAP_ADMIN_PASSWORD']] as const) {
        const variable = env.get(name);
        if (!variable) continue;
        report.error(variable.at, {
          message: `${name} of ${keycloak.service} belongs to the old jboss/keycloak image; this image ignores it`,
          why: 'no admin account is created, and you cannot sign in to the admin console',
          fix: `rename it to ${replacement}`,
        });
      }
      if ((keycloak.majorVersion ?? 99) < 26) continue;
      for (const [name, replacement] of [['KEYCLOAK_ADMIN', 'KC_BOOTSTRAP_ADMIN_USERNAME'], ['KEYCLOAK_ADMIN_PASSWORD', 'KC_BOOTSTRAP_ADMIN_PASSWORD']] as const) {
        const variable = env.get(name);
        if (!variable || env.has(replacement)) continue;
        report.warning(variable.at, {
          message: `${name} of ${keycloak.service} is deprecated in Keycloak 26`,
          why: 'it still works for now but will be removed; the bootstrap admin is meant to be temporary',
          fix: `rename it to ${replacement}`,
        });
      }
    }
  },
);
