/** Building findings. Messages name variables and files, never secret values. */
import type { Finding, Severity, SourcePosition } from '../../types.js';

export interface FindingText {
  message: string;
  why?: string;
  fix?: string;
}

export function finding(id: string, severity: Severity, at: SourcePosition | undefined, text: FindingText): Finding {
  return {
    id,
    severity,
    ...(at?.file ? { file: at.file } : {}),
    ...(at?.line ? { line: at.line } : {}),
    message: text.message,
    ...(text.why ? { why: text.why } : {}),
    ...(text.fix ? { fix: text.fix } : {}),
  };
}

/** `file:line` for use inside a message. */
export function where(at: SourcePosition | undefined): string {
  if (!at) return 'an unknown place';
  return at.line ? `${at.file}:${at.line}` : at.file;
}

/** Binds a check's id so its findings are one call each. */
export type Reporter = ReturnType<typeof reporter>;

export function reporter(id: string) {
  const out: Finding[] = [];
  return {
    error: (at: SourcePosition | undefined, text: FindingText) => void out.push(finding(id, 'error', at, text)),
    warning: (at: SourcePosition | undefined, text: FindingText) => void out.push(finding(id, 'warning', at, text)),
    add: (severity: Severity, at: SourcePosition | undefined, text: FindingText) => void out.push(finding(id, severity, at, text)),
    findings: () => out,
  };
}
