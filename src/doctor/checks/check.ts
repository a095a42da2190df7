/**
 * The interface every check implements. A check reads the model and returns
 * findings; it never prints and never touches the file system.
 */
import type { StackModel } from '../load/model.js';
import type { Finding, Severity } from '../types.js';

export interface Check {
  /** Stable id, documented in README.md (Doctor) and used by --only/--skip. */
  id: string;
  title: string;
  /** The worst severity the check reports. */
  severity: Severity;
  /** False when the stack has nothing this check looks at (reported as skipped). */
  appliesTo?(model: StackModel): boolean;
  run(model: StackModel): Finding[];
}
