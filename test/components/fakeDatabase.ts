/**
 * A component written the way the next issues add theirs: one folder (here,
 * one file) and one registration line. An external managed PostgreSQL: no
 * service of its own, a connection URL with TLS from `.env`, and the
 * NEXT_STEPS section that says what to create there.
 */
import { secretRef } from '../../src/components/compose.js';
import type { Component } from '../../src/components/types.js';

export const FAKE_DATABASE_TYPE = 'fake-external';

export function fakeExternalDatabase(options: { urlQuery: string }): Component {
  return {
    id: FAKE_DATABASE_TYPE,
    concern: 'database',
    appliesTo: (spec) => (spec.database.type as string) === FAKE_DATABASE_TYPE,
    capabilities: {
      database: {
        environment: [{ key: 'PREFECT_SERVER_DATABASE_CONNECTION_URL', value: secretRef('EXTERNAL_DB_PASSWORD', 'postgresql+asyncpg://prefect:', `@db.example.com:5432/prefect${options.urlQuery}`) }],
        volumes: [],
        dependsOn: [],
        packages: [],
        outside: true,
      },
    },
    plan: () => ({
      secrets: [
        {
          name: 'EXTERNAL_DB_PASSWORD',
          alias: 'db-password',
          purpose: 'Password of the prefect user on the managed database',
          bytes: 24,
          source: { generate: true },
          usedBy: ['prefect-server'],
          afterRotate: { when: 'after', text: 'Set the new password on the managed database, then recreate prefect-server.' },
        },
      ],
      nextSteps: [{ order: 12, title: 'Create the database', template: 'core/steps/check', view: {} }],
    }),
  };
}
