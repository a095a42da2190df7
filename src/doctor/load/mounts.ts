/** Which files of the folder a service sees, and where inside its container. */
import type { SourcePosition } from '../types.js';
import type { Service } from './model.js';
import { INPUT_IDS, type Problems } from './problems.js';
import type { SourceTree } from './tree.js';

export interface MountedFile {
  /** Path in the checked folder. */
  hostPath: string;
  containerPath: string;
  service: string;
  /** The volume line. */
  at: SourcePosition;
}

export function mountedFiles(service: Service, tree: SourceTree): MountedFile[] {
  const files: MountedFile[] = [];
  for (const volume of service.volumes) {
    if (volume.hostPath === undefined) continue;
    const base = volume.hostPath;
    if (tree.read(base) !== undefined) {
      files.push({ hostPath: base, containerPath: volume.target, service: service.name, at: volume.at });
      continue;
    }
    const prefix = base === '' ? '' : `${base}/`;
    for (const path of tree.list()) {
      if (!path.startsWith(prefix)) continue;
      files.push({ hostPath: path, containerPath: `${volume.target.replace(/\/$/, '')}/${path.slice(prefix.length)}`, service: service.name, at: volume.at });
    }
  }
  return files;
}

/** The folder file a container path comes from, if a bind mount provides it. */
export function hostFileFor(service: Service, containerPath: string, tree: SourceTree): MountedFile | undefined {
  return mountedFiles(service, tree).find((m) => m.containerPath === containerPath);
}

const CONFIG_FILE = /(\.(conf|cfg|ya?ml|toml|json|template|caddyfile|htpasswd|pem|crt|key)|\/Caddyfile|^Caddyfile|htpasswd)$/i;

/**
 * A bind mount whose source is missing: Docker creates an empty directory in
 * its place, and the service then fails to read its configuration.
 */
export function reportMissingMounts(services: Service[], tree: SourceTree, problems: Problems): void {
  for (const service of services) {
    for (const volume of service.volumes) {
      if (volume.hostPath === undefined || volume.hostPath === '') continue;
      if (tree.read(volume.hostPath) !== undefined || tree.isDirectory(volume.hostPath)) continue;
      if (!CONFIG_FILE.test(volume.hostPath) && !CONFIG_FILE.test(volume.target)) continue;
      problems.add(
        INPUT_IDS.missingFile,
        'error',
        volume.at,
        `${service.name} mounts ${volume.source}, which does not exist`,
        'Docker creates an empty directory in its place, and the service fails to read its configuration',
        `create ${volume.hostPath}, or correct the path on this line`,
      );
    }
  }
}
