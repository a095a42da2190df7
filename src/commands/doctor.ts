/**
 * `prefect-secure doctor [DIR] [--live] [--json] [--diagram] [--timeout MS] [--only IDS] [--skip IDS]`
 * --diagram prints the stack as a Mermaid flowchart with the findings marked
 * instead of the report (with --json, the report carries it).
 * Exit 0: no errors (warnings allowed); 1: at least one error; 2: a usage
 * error or nothing readable to check.
 */
import { printable } from '../util/printable.js';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../io.js';
import { CHECKS } from '../doctor/checks/index.js';
import { stackPicture } from '../doctor/diagram.js';
import { toMermaid } from '../diagram/mermaid.js';
import { isEmptyStack, loadStack, LOOKED_FOR } from '../doctor/load/index.js';
import { fsTree } from '../doctor/load/tree.js';
import { LIVE_CHECK_IDS, runLiveChecks, type LiveInput } from '../doctor/live/index.js';
import { liveTargets } from '../doctor/liveTargets.js';
import { checkLine, findingsText, headerText, liveNoteText, NOTHING_TO_CHECK_FIX, nothingToCheckText, summaryLine, unknownIds, unknownIdsText, usageErrorText } from '../doctor/messages.js';
import { buildReport, sortFindings, summarize } from '../doctor/report.js';
import { usageErrorReport } from '../doctor/usageError.js';
import { runChecks, selectChecks, splitIds, withoutRepeats } from '../doctor/run.js';
import type { CheckResult } from '../doctor/types.js';
import { didYouMean } from '../util/didYouMean.js';
import { VERSION } from '../version.js';

/** The longest a live probe may wait: ten minutes. */
const MAX_TIMEOUT_MS = 600_000;

export interface DoctorOptions {
  live?: boolean;
  json?: boolean;
  diagram?: boolean;
  timeout?: string;
  only?: string;
  skip?: string;
}

export interface DoctorDeps {
  /** The live probes; injected in tests. */
  runLive?: (input: LiveInput) => Promise<CheckResult[]>;
}

export const DEFAULT_TIMEOUT_MS = 5000;

export async function runDoctor(dir: string | undefined, options: DoctorOptions, io: Io, deps: DoctorDeps = {}): Promise<number> {
  const directory = dir ?? '.';
  const root = resolve(io.cwd, directory);
  // A usage error: the words on stderr, and with --json a JSON object on stdout, so a pipeline always parses one.
  const usage = (message: string, fix: string, text = usageErrorText(io, message, fix)) => {
    io.err(text);
    if (options.json) io.out(`${JSON.stringify(usageErrorReport(VERSION, message, fix), null, 2)}\n`);
    return 2;
  };
  const timeoutText = options.timeout ?? String(DEFAULT_TIMEOUT_MS);
  // Node's timers take at most 2^31-1 ms; a probe that waits longer than ten minutes is not a probe.
  if (!/^\d{1,9}$/.test(timeoutText) || Number(timeoutText) < 1 || Number(timeoutText) > MAX_TIMEOUT_MS) {
    return usage(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not "${printable(timeoutText.slice(0, 40))}"`, '--timeout 5000');
  }
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    return usage(`${directory} does not exist`, 'pass the folder that holds your docker-compose.yml');
  }
  if (!isDirectory) {
    return usage(`${directory} is a file, not a folder`, 'pass the folder that holds it, e.g. prefect-secure doctor .');
  }

  const only = splitIds(options.only);
  const skip = splitIds(options.skip);
  const selection = selectChecks(CHECKS, only, skip);
  const liveIds: readonly string[] = options.live ? LIVE_CHECK_IDS : [];
  const unknown = selection.unknown.filter((id) => !liveIds.includes(id));
  if (unknown.length > 0) {
    const all = [...CHECKS.map((c) => c.id), ...LIVE_CHECK_IDS];
    const named = unknown.map((id) => ({ id, suggestion: didYouMean(id, all) }));
    const { message, fix } = unknownIds(named);
    return usage(message, fix, unknownIdsText(io, named));
  }

  const model = loadStack(fsTree(root), directory);
  if (isEmptyStack(model)) {
    return usage(`nothing to check in ${directory}; doctor looked for: ${LOOKED_FOR.join('; ')}`, NOTHING_TO_CHECK_FIX, nothingToCheckText(io, directory, LOOKED_FOR));
  }

  // --diagram alone prints only the flowchart, so it can be redirected to a file.
  const human = !options.json && !options.diagram;
  if (human) io.out(headerText(io, directory, model.files));
  const print = (result: CheckResult) => human && io.out(checkLine(io, result));
  const results = runChecks(model, selection.checks, print);

  const wantLive = (id: string) => (only.length === 0 || only.includes(id)) && !skip.includes(id);
  if (options.live && LIVE_CHECK_IDS.some(wantLive)) {
    const input = liveTargets(model, Number(timeoutText));
    if (input.issuers.length === 0 && input.proxies.length === 0 && (input.gates ?? []).length === 0) {
      if (human) io.out(liveNoteText(io, 'live: no oauth2-proxy issuer, public /oauth2/start URL or public Prefect host found to probe'));
    } else {
      const live = withoutRepeats(results, (await (deps.runLive ?? runLiveChecks)(input)).filter((r) => wantLive(r.id)));
      live.forEach(print);
      results.push(...live);
    }
  }

  const summary = summarize(results);
  const diagram = options.diagram ? toMermaid(stackPicture(model, results.flatMap((r) => r.findings))) : undefined;
  if (options.json) {
    const report = buildReport({ directory, live: Boolean(options.live), files: model.files, version: VERSION, results, ...(diagram !== undefined ? { diagram } : {}) });
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else if (diagram !== undefined) {
    io.out(diagram);
  } else {
    io.out(findingsText(io, sortFindings(results.flatMap((r) => r.findings))));
    io.out(summaryLine(io, summary));
  }
  return summary.errors > 0 ? 1 : 0;
}
