/**
 * Resolves which checks are in scope (--only/--skip) and runs them. The
 * static checks are synchronous reads of one model; an exception inside a
 * check becomes a `crashed` result with an error finding, never a crash of
 * doctor.
 */
import type { Check } from './checks/check.js';
import type { StackModel } from './load/model.js';
import type { CheckResult, Finding } from './types.js';

export interface Selection {
  checks: Check[];
  /** Ids given to --only/--skip that name no static check. */
  unknown: string[];
}

export function splitIds(text: string | undefined): string[] {
  return (text ?? '').split(',').map((id) => id.trim()).filter(Boolean);
}

export function selectChecks(all: readonly Check[], only: string[], skip: string[]): Selection {
  const known = new Set(all.map((c) => c.id));
  const unknown = [...only, ...skip].filter((id) => !known.has(id));
  const checks = all.filter((c) => (only.length === 0 || only.includes(c.id)) && !skip.includes(c.id));
  return { checks, unknown };
}

export function statusOf(findings: Finding[]): CheckResult['status'] {
  if (findings.some((f) => f.severity === 'error')) return 'failed';
  return findings.length > 0 ? 'warned' : 'passed';
}

function crashed(check: Check, error: unknown, durationMs: number): CheckResult {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    id: check.id,
    title: check.title,
    status: 'crashed',
    durationMs,
    findings: [
      {
        id: check.id,
        severity: 'error',
        message: `the check crashed: ${detail}`,
        why: 'this is a bug in prefect-secure, not in your stack; this check could not say whether the stack is right',
        fix: 'report it with the command you ran (set PREFECT_SECURE_DEBUG=1 for details); --skip ' + check.id + ' runs the others',
      },
    ],
  };
}

function runOne(check: Check, model: StackModel): CheckResult {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    if (check.appliesTo && !check.appliesTo(model)) {
      return { id: check.id, title: check.title, status: 'skipped', findings: [], durationMs: elapsed() };
    }
    const findings = check.run(model).map((f) => ({ ...f, id: check.id }));
    return { id: check.id, title: check.title, status: statusOf(findings), findings, durationMs: elapsed() };
  } catch (error) {
    return crashed(check, error, elapsed());
  }
}

/** Runs every check in registry order; `onResult` sees each as it finishes. */
export function runChecks(model: StackModel, checks: readonly Check[], onResult?: (result: CheckResult) => void): CheckResult[] {
  return checks.map((check) => {
    const result = runOne(check, model);
    onResult?.(result);
    return result;
  });
}

/**
 * One mistake, one finding: a static check that already names an issuer line
 * (a split-brain or malformed issuer) explains why the live probe of that same
 * line fails, so the live finding there is dropped and the static fix stands
 * alone. The live check then reports what is left (or passes).
 */
const EXPLAINS_ISSUER = new Set(['issuer-split-brain', 'issuer-format']);
const ISSUER_PROBES = new Set(['live-issuer-discovery', 'live-issuer-match', 'live-jwks', 'live-oauth2-start', 'live-redirect-accepted']);

export function withoutRepeats(staticResults: readonly CheckResult[], live: CheckResult[]): CheckResult[] {
  const explained = new Set(
    staticResults.filter((r) => EXPLAINS_ISSUER.has(r.id)).flatMap((r) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line ?? ''}`)),
  );
  if (explained.size === 0) return live;
  return live.map((result) => {
    if (!ISSUER_PROBES.has(result.id)) return result;
    const findings = result.findings.filter((f) => !explained.has(`${f.file}:${f.line ?? ''}`));
    return findings.length === result.findings.length ? result : { ...result, findings, status: result.status === 'crashed' ? 'crashed' : statusOf(findings) };
  });
}
