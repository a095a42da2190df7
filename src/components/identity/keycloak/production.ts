/**
 * The bundled Keycloak on a server: production mode (`start`), its data in a
 * PostgreSQL of its own on the identity network, so people and realm changes
 * survive re-creation and upgrades; no demo user.
 */
import type { Spec } from '../../../config/schema.js';
import type { SecretPlan, ServicePlan } from '../../../plan/types.js';
import { healthcheck, IDENTITY_NETWORK, literal, secretRef } from '../../compose.js';
import { POSTGRES_PORT, postgresImage } from '../../database/postgres/facts.js';
import { KEYCLOAK_DB } from './facts.js';

export const isProduction = (spec: Spec): boolean => spec.target === 'server';

/** Keycloak's connection to its database (KC_DB=postgres is a build option: `start` builds itself for it at the first start). */
export function productionDatabaseEnv(): ServicePlan['environment'] {
  return [
    { key: 'KC_DB', value: literal('postgres') },
    { key: 'KC_DB_URL', value: literal(`jdbc:postgresql://${KEYCLOAK_DB.service}:${POSTGRES_PORT}/${KEYCLOAK_DB.database}`) },
    { key: 'KC_DB_USERNAME', value: literal(KEYCLOAK_DB.user) },
    { key: 'KC_DB_PASSWORD', value: secretRef(KEYCLOAK_DB.secret) },
  ];
}

export function keycloakDatabase(version: string): ServicePlan {
  return {
    name: KEYCLOAK_DB.service,
    title: "Keycloak's database",
    purpose: "Keycloak's own PostgreSQL (people, realms, sessions); on the identity network only.",
    image: postgresImage(version),
    restart: 'unless-stopped',
    environment: [
      { key: 'POSTGRES_USER', value: literal(KEYCLOAK_DB.user) },
      { key: 'POSTGRES_DB', value: literal(KEYCLOAK_DB.database) },
      { key: 'POSTGRES_PASSWORD', value: secretRef(KEYCLOAK_DB.secret) },
    ],
    ports: [],
    volumes: [{ type: 'volume', source: KEYCLOAK_DB.volume, target: '/var/lib/postgresql/data', readOnly: false }],
    networks: [{ name: IDENTITY_NETWORK, aliases: [] }],
    dependsOn: [],
    healthcheck: healthcheck(['CMD', 'pg_isready', '-U', KEYCLOAK_DB.user, '-d', KEYCLOAK_DB.database], '10s'),
    listensOn: POSTGRES_PORT,
  };
}

export function keycloakDatabaseSecret(): SecretPlan {
  return {
    name: KEYCLOAK_DB.secret,
    alias: 'keycloak-db-password',
    purpose: "Password of Keycloak's database user",
    bytes: 24,
    source: { generate: true },
    usedBy: [KEYCLOAK_DB.service, 'keycloak'],
    afterRotate: {
      when: 'after',
      text: `PostgreSQL keeps the old password in its data; once ${KEYCLOAK_DB.service} is recreated, set the new one:`,
      // The recreated container's POSTGRES_PASSWORD is the new value (as for Prefect's database).
      command: `docker compose exec -T ${KEYCLOAK_DB.service} sh -c 'echo "ALTER USER ${KEYCLOAK_DB.user} PASSWORD '"'"'$POSTGRES_PASSWORD'"'"';" | psql -U ${KEYCLOAK_DB.user} -d ${KEYCLOAK_DB.database}'`,
      then: 'docker compose up -d --force-recreate keycloak',
    },
  };
}
