/**
 * SQLite: a throwaway local run (target: local, one Prefect process; the
 * spec refuses it elsewhere). The database file lives in the `prefect-data`
 * volume on the container's /tmp, the one place the image lets Prefect's
 * non-root user write (a new volume takes the image's /tmp mode, 1777).
 */
import { literal } from '../../compose.js';
import { PREFECT_WRITABLE } from '../../prefect/facts.js';
import type { Component } from '../../types.js';

export const SQLITE_FILE = `${PREFECT_WRITABLE.prefectHome}/prefect.db`;

export const sqlite: Component = {
  id: 'sqlite',
  concern: 'database',
  appliesTo: (spec) => spec.database.type === 'sqlite',
  capabilities: {
    database: {
      environment: [{ key: 'PREFECT_SERVER_DATABASE_CONNECTION_URL', value: literal(`sqlite+aiosqlite:///${SQLITE_FILE}`) }],
      volumes: [{ type: 'volume', source: 'prefect-data', target: '/tmp', readOnly: false }],
      dependsOn: [],
      packages: [],
      outside: false,
    },
  },
  plan: () => ({
    volumes: ['prefect-data'],
    warnings: ['database.type: sqlite is for a throwaway local run: one Prefect process, no backups, and `docker compose down -v` deletes every flow run. Use postgres for anything you keep.'],
  }),
};
