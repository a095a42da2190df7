/**
 * The doctor's data model: checks return findings; they never print.
 * The runner renders findings for a terminal or as JSON.
 */

export type Severity = 'error' | 'warning';

export interface SourcePosition {
  /** Path relative to the checked folder. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
}

export interface Finding {
  /** The check's id, e.g. `issuer-split-brain`. Stable: documented in the README and used by --only/--skip. */
  id: string;
  severity: Severity;
  file?: string;
  line?: number;
  /** What is wrong, in one sentence. */
  message: string;
  /** Why it matters. */
  why?: string;
  /** The exact fix: the line to write, or the command to run. */
  fix?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: 'passed' | 'failed' | 'warned' | 'skipped' | 'crashed';
  findings: Finding[];
  durationMs: number;
}
