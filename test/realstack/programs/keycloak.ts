/**
 * Keycloak: the quarkus distribution from Maven Central runs the compose
 * command (`start-dev --import-realm`) with the compose environment. A
 * container starts with an empty data folder, so each start gets one: the
 * dev database is removed and `data/import` points at the mounted realm
 * folder. KC_HTTP_HOST binds the service's own address (HTTP and management).
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

const IMPORT = '/opt/keycloak/data/import';

export const keycloak: ProgramAdapter = {
  name: 'keycloak',
  images: ['quay.io/keycloak/keycloak', 'keycloak/keycloak'],
  launch(ctx) {
    const home = COMPONENTS.keycloakHome;
    const data = join(home, 'data');
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    const realms = ctx.hostPath(IMPORT);
    if (realms) symlinkSync(realms, join(data, 'import'));
    return {
      program: join(home, 'bin', 'kc.sh'),
      args: ctx.service.command ?? ['start'],
      env: {
        ...baseEnv(ctx.scratch),
        ...ctx.service.environment,
        KC_HTTP_HOST: ctx.address,
        JAVA_HOME: process.env.JAVA_HOME ?? '/usr/lib/jvm/java-17-openjdk-amd64',
      },
      adaptations: [`KC_HTTP_HOST=${ctx.address}`, `${IMPORT} -> ${realms ?? '(nothing mounted)'}`, `fresh ${data}`],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    if (cmd === 'bash') return { argv: [COMPONENTS.bash, ...rest], env: baseEnv(ctx.scratch) };
    throw new Error(`keycloak: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(join(COMPONENTS.keycloakHome, 'bin', 'kc.sh'), ['--version'], {
      ...process.env,
      JAVA_HOME: process.env.JAVA_HOME ?? '/usr/lib/jvm/java-17-openjdk-amd64',
    } as Record<string, string>);
  },
};
