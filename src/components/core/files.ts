/** The files every stack has, whatever its components. */
import type { FilePlan } from '../../plan/types.js';

export const SPEC_FILE = 'prefect-secure.yaml';
export const SCHEMA_FILE = 'prefect-secure.schema.json';

/** Files that must never be committed. */
export function gitIgnored(files: FilePlan[]): string[] {
  return files.filter((f) => f.gitIgnored).map((f) => f.path);
}

/** Working files of a running prefect-secure, never committed either. */
export const RUN_FILES = ['.prefect-secure/lock', '.prefect-secure/txn/'];
