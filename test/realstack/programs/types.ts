/**
 * How one image runs as a native program. The runner gives every service its
 * own loopback address and a scratch folder that stands in for the
 * container's own file system; a program adapter turns the compose service
 * into a command line there. Everything an adapter changes compared with the
 * container (a bind address, a path) is listed in `adaptations` and written
 * to the service's log, so a reader sees exactly where native differs.
 */
import type { ComposeService } from '../runner/compose.js';

export interface ServiceContext {
  service: ComposeService;
  /** The service's own loopback address (its container IP). */
  address: string;
  /** Scratch folder: the container's writable layer. */
  scratch: string;
  /** Host folder of a named volume. */
  volume(name: string): string;
  /** Host path of a path inside the container, through the service's mounts; undefined when not mounted. */
  hostPath(containerPath: string): string | undefined;
}

export interface NativeLaunch {
  program: string;
  args: string[];
  /** The whole environment of the process (nothing is inherited but PATH, HOME, LANG). */
  env: Record<string, string>;
  cwd?: string;
  uid?: number;
  gid?: number;
  adaptations: string[];
}

export interface ProgramAdapter {
  /** A readable name for logs and errors. */
  name: string;
  /** The image repositories this adapter runs (without tag). */
  images: string[];
  /** Prepares the scratch folder and returns the command line. */
  launch(ctx: ServiceContext): NativeLaunch;
  /** Maps a program named in a healthcheck or exec (`python`, `wget`) to its native path, with extra environment. */
  exec(ctx: ServiceContext, argv: string[]): { argv: string[]; env: Record<string, string> };
  /** The version installed here, e.g. `26.7.3`. */
  installedVersion(): string;
}

/** A service's mounts as container path -> host path, longest container path first: the first that covers a path wins, as in a container. */
export function mountTable(service: ComposeService, volume: (name: string) => string): { target: string; host: string }[] {
  return [...service.mounts]
    .sort((a, b) => b.target.length - a.target.length)
    .map((m) => ({ target: m.target, host: m.type === 'bind' ? m.source : volume(m.source) }));
}

/** Host path of a path inside the container, through the mounts; undefined when nothing mounted covers it. */
export function hostPathIn(table: { target: string; host: string }[], containerPath: string): string | undefined {
  const mount = table.find((m) => containerPath === m.target || containerPath.startsWith(`${m.target}/`));
  return mount && mount.host + containerPath.slice(mount.target.length);
}

/**
 * Replaces every mount target inside `text` by its host path (longest target
 * first), where it stands as a path: followed by `/`, a quote, a blank, `;`
 * or the end — never inside a longer word (`/acme` in `https://acme.example`).
 */
export function mapMountedPaths(ctx: ServiceContext, text: string): string {
  let out = text;
  for (const m of mountTable(ctx.service, ctx.volume)) {
    const target = m.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\w./-])${target}(?=[/'"\\s;,:)]|$)`, 'gm'), () => m.host);
  }
  return out;
}

/** Tag of an image reference: `quay.io/keycloak/keycloak:26.7.3` -> `26.7.3`. */
export function imageTag(image: string): string {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? image.slice(at + 1) : 'latest';
}

export function imageRepository(image: string): string {
  const at = image.lastIndexOf(':');
  return (at > image.lastIndexOf('/') ? image.slice(0, at) : image).replace(/^docker\.io\//, '');
}

/** Basic environment every native process gets (a container has its own PATH and HOME too). */
export function baseEnv(home: string): Record<string, string> {
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
  };
}
