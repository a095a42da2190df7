/**
 * `doctor --live`: probes the configured issuers and oauth2-proxy start URLs.
 *
 * Every probe runs in parallel and is bounded by `timeoutMs` (a chain is at most two probes:
 * discovery → JWKS, /oauth2/start → authorization endpoint). Nothing here prints, and nothing
 * throws: an unexpected exception becomes a `crashed` CheckResult.
 */
import type { CheckResult } from '../types.js';
import type { LiveGateTarget, LiveInput, LiveIssuerTarget, LiveProxyTarget } from './probeTargets.js';
import { discover, type Discovery } from './discovery.js';
import { discoveryFindings, issuerMatchFindings, jwksFindings, pkceFindings } from './issuer.js';
import { checkOauth2Start, type StartCheck } from './oauth2Start.js';
import { credentialFindings, gateFindings, type GateResult } from './gate.js';
import { checkRedirectAccepted } from './redirectAccepted.js';
import { tlsFindings } from './tlsPeer.js';
import { crashedUnit, LIVE_CHECK_IDS, runUnit, toCheckResults, type Unit } from './result.js';

export type { LiveGateClient, LiveGateTarget, LiveInput, LiveIssuerTarget, LiveProxyTarget } from './probeTargets.js';
export { LIVE_CHECKS, LIVE_CHECK_IDS, type LiveCheckId } from './result.js';

async function issuerUnits(target: LiveIssuerTarget, discovery: Promise<Discovery>, timeoutMs: number): Promise<Unit[]> {
  const { source } = target;
  const discovered = runUnit('live-issuer-discovery', source, async () => discoveryFindings(source, await discovery));
  const metadataOf = async () => (await discovery).metadata;
  const match = runUnit('live-issuer-match', source, async () => {
    const metadata = await metadataOf();
    return metadata ? issuerMatchFindings(source, target.issuerUrl, metadata) : 'skipped';
  });
  const jwks = runUnit('live-jwks', source, async () => {
    const metadata = await metadataOf();
    return metadata ? jwksFindings(source, metadata, timeoutMs) : 'skipped';
  });
  const pkce = runUnit('live-pkce', source, async () => {
    const metadata = await metadataOf();
    return metadata ? pkceFindings(source, metadata, target.expectPkce) : 'skipped';
  });
  return Promise.all([discovered, match, jwks, pkce]);
}

async function proxyUnits(
  target: LiveProxyTarget,
  discovery: Promise<Discovery>,
  issuerChecked: boolean,
  timeoutMs: number,
): Promise<Unit[]> {
  const { source } = target;
  let start: StartCheck | undefined;
  const startUnit = await runUnit('live-oauth2-start', source, async () => {
    start = await checkOauth2Start(target, discovery, issuerChecked, timeoutMs);
    return start.findings;
  });
  const authorizeUrl = start?.authorizeUrl;
  const acceptedUnit = await runUnit('live-redirect-accepted', source, async () =>
    authorizeUrl ? checkRedirectAccepted(target, authorizeUrl, timeoutMs) : 'skipped',
  );
  return [startUnit, acceptedUnit];
}

async function gateUnits(target: LiveGateTarget, stackDir: string, timeoutMs: number): Promise<Unit[]> {
  let gate: GateResult | undefined;
  const [gateUnit, tlsUnit] = await Promise.all([
    runUnit('live-gate', target.source, async () => {
      gate = await gateFindings(target, timeoutMs);
      return gate.findings;
    }),
    runUnit('live-tls', target.source, () => tlsFindings(target, stackDir, timeoutMs)),
  ]);
  const credentials = await runUnit('live-gate-credentials', target.source, async () => (gate ? credentialFindings(target, gate, timeoutMs) : 'skipped'));
  return [gateUnit, credentials, tlsUnit];
}

export async function runLiveChecks(input: LiveInput): Promise<CheckResult[]> {
  const started = Date.now();
  try {
    const timeoutMs = input.timeoutMs > 0 ? input.timeoutMs : 5000;
    // One discovery per distinct issuer string, shared by its issuer and proxy checks.
    const discoveries = new Map<string, Promise<Discovery>>();
    const discoveryOf = (issuerUrl: string) => {
      let pending = discoveries.get(issuerUrl);
      if (!pending) {
        pending = discover(issuerUrl, timeoutMs);
        discoveries.set(issuerUrl, pending);
      }
      return pending;
    };
    const checkedIssuers = new Set(input.issuers.map((i) => i.issuerUrl));
    const groups = await Promise.all([
      ...input.issuers.map((t) => issuerUnits(t, discoveryOf(t.issuerUrl), timeoutMs)),
      ...input.proxies.map((t) => proxyUnits(t, discoveryOf(t.issuerUrl), checkedIssuers.has(t.issuerUrl), timeoutMs)),
      ...(input.gates ?? []).map((t) => gateUnits(t, input.stackDir ?? '.', timeoutMs)),
    ]);
    return toCheckResults(groups.flat());
  } catch (error) {
    const elapsed = Date.now() - started;
    const source = input?.issuers?.[0]?.source ?? input?.proxies?.[0]?.source;
    return toCheckResults(LIVE_CHECK_IDS.map((id) => crashedUnit(id, source, error, elapsed)));
  }
}
