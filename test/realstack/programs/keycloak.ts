/**
 * Keycloak: the quarkus distribution from Maven Central runs the compose
 * command (`start-dev --import-realm`) with the compose environment. Its data
 * folder is the service's `/opt/keycloak/data` mount (the volume keeps the dev
 * database across re-creation, as in a container), or a fresh folder when
 * nothing is mounted there; `data/import` points at the mounted realm folder.
 * KC_HTTP_HOST binds the service's own address (HTTP and management). In an
 * exec, the image's `/opt/keycloak/bin` is the distribution's.
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../components.js';
import { baseEnv, type ProgramAdapter } from './types.js';
import { printedVersion } from './version.js';

const DATA = '/opt/keycloak/data';
const IMPORT = `${DATA}/import`;
const BIN = '/opt/keycloak/bin/';
const javaHome = () => process.env.JAVA_HOME ?? '/usr/lib/jvm/java-17-openjdk-amd64';

/** Replaces `path` (a link, a folder or nothing) with a link to `target`. */
function linkTo(path: string, target: string): void {
  rmSync(path, { recursive: true, force: true });
  symlinkSync(target, path);
}

export const keycloak: ProgramAdapter = {
  name: 'keycloak',
  images: ['quay.io/keycloak/keycloak', 'keycloak/keycloak'],
  launch(ctx) {
    const home = COMPONENTS.keycloakHome;
    const mounted = ctx.hostPath(DATA);
    const data = mounted ?? join(ctx.scratch, 'data');
    if (!mounted) rmSync(data, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    linkTo(join(home, 'data'), data);
    const realms = ctx.hostPath(IMPORT);
    if (realms && realms !== join(data, 'import')) linkTo(join(data, 'import'), realms);
    return {
      program: join(home, 'bin', 'kc.sh'),
      args: ctx.service.command ?? ['start'],
      env: {
        ...baseEnv(ctx.scratch),
        ...ctx.service.environment,
        KC_HTTP_HOST: ctx.address,
        JAVA_HOME: javaHome(),
      },
      adaptations: [`KC_HTTP_HOST=${ctx.address}`, `${DATA} -> ${mounted ? data : `fresh ${data}`}`, `${IMPORT} -> ${realms ?? '(nothing mounted)'}`],
    };
  },
  exec(ctx, argv) {
    const [cmd, ...rest] = argv;
    const bin = `${join(COMPONENTS.keycloakHome, 'bin')}/`;
    if (cmd === 'bash') return { argv: [COMPONENTS.bash, ...rest.map((arg) => arg.replaceAll(BIN, bin))], env: { ...baseEnv(ctx.scratch), JAVA_HOME: javaHome() } };
    throw new Error(`keycloak: no native ${cmd}`);
  },
  installedVersion() {
    return printedVersion(join(COMPONENTS.keycloakHome, 'bin', 'kc.sh'), ['--version'], {
      ...process.env,
      JAVA_HOME: javaHome(),
    } as Record<string, string>);
  },
};
