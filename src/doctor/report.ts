/** The --json report: a stable shape (report.schema.json), built from results; the human output reads the same summary. */
import type { CheckResult, Finding } from './types.js';
import schema from './report.schema.json' with { type: 'json' };

export const REPORT_SCHEMA = schema;

export interface Summary {
  errors: number;
  warnings: number;
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  crashed: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'prefect-secure'; version: string };
  directory: string;
  live: boolean;
  files: string[];
  checks: { id: string; title: string; status: CheckResult['status']; findings: number; durationMs: number }[];
  findings: Finding[];
  /** With --diagram: the stack as a Mermaid flowchart with the findings marked. */
  diagram?: string;
  summary: Summary;
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

/** Errors first; within a severity by file, line and id, so the order is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.id.localeCompare(b.id),
  );
}

export function summarize(results: CheckResult[]): Summary {
  const findings = results.flatMap((r) => r.findings);
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    passed: count('passed'),
    failed: count('failed'),
    warned: count('warned'),
    skipped: count('skipped'),
    crashed: count('crashed'),
  };
}

export function buildReport(input: { directory: string; live: boolean; files: string[]; version: string; results: CheckResult[]; diagram?: string }): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'prefect-secure', version: input.version },
    directory: input.directory,
    live: input.live,
    files: input.files,
    checks: input.results.map((r) => ({ id: r.id, title: r.title, status: r.status, findings: r.findings.length, durationMs: r.durationMs })),
    // Only the documented fields, in a fixed order.
    findings: sortFindings(input.results.flatMap((r) => r.findings)).map((f) => ({
      id: f.id,
      severity: f.severity,
      ...(f.file !== undefined ? { file: f.file } : {}),
      ...(f.line !== undefined ? { line: f.line } : {}),
      message: f.message,
      ...(f.why ? { why: f.why } : {}),
      ...(f.fix ? { fix: f.fix } : {}),
    })),
    ...(input.diagram !== undefined ? { diagram: input.diagram } : {}),
    summary: summarize(input.results),
  };
}
