/** A planned file: where it goes, who may read it, and how it is laid out. */
import type { Capabilities, FileRenderInput, FollowUpStep, PlannedFile } from './types.js';

export function file(
  path: string,
  purpose: string,
  render: (input: FileRenderInput) => string,
  options: { secret?: boolean; gitIgnored?: boolean; last?: boolean; afterChange?: FollowUpStep } = {},
): PlannedFile {
  const secret = options.secret ?? false;
  return {
    path,
    purpose,
    secret,
    gitIgnored: options.gitIgnored ?? secret,
    mode: secret ? 0o600 : 0o644,
    ...(options.last ? { last: true } : {}),
    ...(options.afterChange ? { afterChange: options.afterChange } : {}),
    render,
  };
}

/** The group the proxy reads its secret files as; a proxy that names none cannot be given one. */
export function proxyGroup(capabilities: Capabilities): string {
  if (!capabilities.proxyGroup) throw new Error(`internal: ${capabilities.proxyService} names no group that may read its secret files`);
  return capabilities.proxyGroup;
}

/** The command that lets the proxy's group (and only it) read a secret file the proxy needs: printed, run as printed by the tests. */
export function readableByGroup(path: string, group: string): string {
  return `sudo chgrp ${group} ${path} && chmod 640 ${path}`;
}
