/** The bundled PostgreSQL: Prefect's database, on the internal network only. */
import { BACKEND_NETWORK, healthcheck, literal, secretRef } from '../../compose.js';
import type { Component } from '../../types.js';
import { prefectServerServices } from '../../prefect/layout.js';
import { DEFAULT_POSTGRES_MAJOR, POSTGRES_PORT, postgresImage } from './facts.js';

const USER = 'prefect';
const DB = 'prefect';
const SERVICE = 'postgres';

export const postgres: Component = {
  id: 'postgres',
  concern: 'database',
  appliesTo: (spec) => spec.database.type === 'postgres',
  capabilities: {
    database: {
      // asyncpg is the driver Prefect's server uses; the password comes from .env.
      environment: [{ key: 'PREFECT_SERVER_DATABASE_CONNECTION_URL', value: secretRef('POSTGRES_PASSWORD', `postgresql+asyncpg://${USER}:`, `@${SERVICE}:${POSTGRES_PORT}/${DB}`) }],
      volumes: [],
      dependsOn: [{ service: SERVICE, condition: 'service_healthy' }],
      packages: [],
      outside: false,
    },
  },
  plan(ctx) {
    return {
      services: [
        {
          name: SERVICE,
          title: 'Postgres',
          purpose: 'Prefect database; reachable only on the internal network.',
          image: postgresImage(ctx.spec.database.type === 'postgres' ? ctx.spec.database.version : DEFAULT_POSTGRES_MAJOR),
          restart: 'unless-stopped',
          environment: [
            { key: 'POSTGRES_USER', value: literal(USER) },
            { key: 'POSTGRES_DB', value: literal(DB) },
            { key: 'POSTGRES_PASSWORD', value: secretRef('POSTGRES_PASSWORD') },
          ],
          ports: [],
          volumes: [{ type: 'volume', source: 'postgres-data', target: '/var/lib/postgresql/data', readOnly: false }],
          networks: [{ name: BACKEND_NETWORK, aliases: [] }],
          dependsOn: [],
          healthcheck: healthcheck(['CMD', 'pg_isready', '-U', USER, '-d', DB], '10s'),
          listensOn: POSTGRES_PORT,
        },
      ],
      volumes: ['postgres-data'],
      secrets: [
        {
          name: 'POSTGRES_PASSWORD',
          alias: 'db-password',
          purpose: 'Password of the prefect database user',
          bytes: 24,
          source: { generate: true },
          usedBy: [SERVICE, ...prefectServerServices(ctx.spec)],
          // The new password comes from the recreated container's environment into psql's input: in no process's arguments.
          afterRotate: {
            when: 'after',
            text: 'An existing database keeps its old password. Once postgres is recreated, set the new one:',
            command: `docker compose exec -T ${SERVICE} sh -c 'echo "ALTER USER ${USER} PASSWORD '"'"'$POSTGRES_PASSWORD'"'"';" | psql -U ${USER} -d ${DB}'`,
            then: `docker compose up -d --force-recreate ${prefectServerServices(ctx.spec).join(' ')}`,
          },
        },
      ],
    };
  },
};
