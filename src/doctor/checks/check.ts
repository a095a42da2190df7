/**
 * The interface every check implements. A check reads the model and returns
 * findings; it never prints and never touches the file system.
 */
import type { StackModel } from '../load/model.js';
import type { Finding, Severity } from '../types.js';
import { reporter, type Reporter } from './util/finding.js';

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

/** What a check says about itself: everything but how it runs. */
export type CheckMeta = Omit<Check, 'run'>;

/** A check from its description and a body that reports through `report` (bound to the check's id). */
export function defineCheck(meta: CheckMeta, body: (model: StackModel, report: Reporter) => void): Check {
  return {
    ...meta,
    run(model) {
      const report = reporter(meta.id);
      body(model, report);
      return report.findings();
    },
  };
}
