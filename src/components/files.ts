/** A planned file: where it goes, who may read it, and how it is laid out. */
import type { FileRenderInput, FollowUpStep, PlannedFile } from './types.js';

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
