/**
 * Live checks run once per target (issuer or proxy); the runner wants one CheckResult per
 * check id. A unit is one check on one target; `toCheckResults` folds units into results.
 */
import type { CheckResult, Finding, SourcePosition } from '../types.js';

export const LIVE_CHECKS = {
  'live-issuer-discovery': 'OpenID discovery document is reachable and valid',
  'live-issuer-match': 'Discovered issuer equals the configured issuer',
  'live-jwks': 'JWKS is reachable and has signing keys',
  'live-pkce': 'IdP advertises PKCE S256',
  'live-oauth2-start': '/oauth2/start redirects to the IdP with the configured client and redirect URL',
  'live-redirect-accepted': 'IdP accepts the redirect URL',
  'live-gate': 'Each public host refuses requests without a credential',
  'live-gate-credentials': "The machine host refuses a wrong password and accepts each client's credentials, WebSockets included",
  'live-tls': "Each public host's certificate is valid, names the host, and is trusted by the clients",
} as const;

export type LiveCheckId = keyof typeof LIVE_CHECKS;
export const LIVE_CHECK_IDS = Object.keys(LIVE_CHECKS) as LiveCheckId[];

export interface Unit {
  id: LiveCheckId;
  /** `skipped`: nothing to check (e.g. discovery failed, so there are no keys to fetch). */
  outcome: 'done' | 'skipped' | 'crashed';
  findings: Finding[];
  durationMs: number;
}

export type FindingText = Pick<Finding, 'message' | 'why' | 'fix'>;

export function finding(id: LiveCheckId, severity: Finding['severity'], source: SourcePosition, text: FindingText): Finding {
  const f: Finding = { id, severity, file: source.file, message: text.message };
  if (source.line !== undefined) f.line = source.line;
  if (text.why) f.why = text.why;
  if (text.fix) f.fix = text.fix;
  return f;
}

/** Runs one unit; an exception inside it becomes a crashed unit, never a rejection. */
export async function runUnit(
  id: LiveCheckId,
  source: SourcePosition | undefined,
  body: () => Promise<Finding[] | 'skipped'>,
): Promise<Unit> {
  const started = Date.now();
  try {
    const result = await body();
    const durationMs = Date.now() - started;
    return result === 'skipped'
      ? { id, outcome: 'skipped', findings: [], durationMs }
      : { id, outcome: 'done', findings: result, durationMs };
  } catch (error) {
    return crashedUnit(id, source, error, Date.now() - started);
  }
}

export function crashedUnit(id: LiveCheckId, source: SourcePosition | undefined, error: unknown, durationMs: number): Unit {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    id,
    outcome: 'crashed',
    findings: [
      finding(id, 'error', source ?? { file: '.' }, {
        message: `The live check ${id} crashed: ${detail}`,
        why: 'This is a bug in prefect-secure, not in your stack; the check could not decide.',
        fix: 'Report it with the output of `prefect-secure doctor --live --json`.',
      }),
    ],
    durationMs,
  };
}

export function toCheckResults(units: Unit[]): CheckResult[] {
  return LIVE_CHECK_IDS.map((id) => {
    const mine = units.filter((u) => u.id === id);
    const findings = mine.flatMap((u) => u.findings);
    let status: CheckResult['status'];
    if (mine.some((u) => u.outcome === 'crashed')) status = 'crashed';
    else if (findings.some((f) => f.severity === 'error')) status = 'failed';
    else if (findings.length > 0) status = 'warned';
    else if (mine.some((u) => u.outcome === 'done')) status = 'passed';
    else status = 'skipped';
    // Units run in parallel: the check took as long as its slowest unit.
    const durationMs = mine.reduce((max, u) => Math.max(max, u.durationMs), 0);
    return { id, title: LIVE_CHECKS[id], status, findings, durationMs };
  });
}
