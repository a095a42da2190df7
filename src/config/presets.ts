import type { SpecInput } from './schema.js';

/** Built-in specs, complete enough to render without questions. */
export const PRESETS = {
  /** A laptop stack: everything in Docker, reached through *.localtest.me, bundled Keycloak. */
  local: {
    version: 1,
    name: 'prefect',
    target: 'local',
    hosts: { ui: 'prefect.localtest.me', machine: 'prefect-api.localtest.me', idp: 'keycloak.localtest.me', port: 8080 },
    identityProvider: { type: 'keycloak', realm: 'prefect', clientId: 'prefect' },
    proxy: { type: 'nginx' },
    machineAccess: { type: 'basic', users: ['ci', 'worker'] },
    database: { type: 'postgres' },
  },
} as const satisfies Record<string, SpecInput>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
