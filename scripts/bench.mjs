// npm run bench (builds first). Measurements, not tests: it prints numbers and
// PASS/FAIL against the goals, and exits 0 even on a slow machine.
//
//  1. Start-up: `prefect-secure init --preset local` as a whole process vs
//     `node -e 0` and vs create-vite 9 (`--help`), on every Node installed
//     (20, and 22 and 24 from scripts/install-components.sh), interleaved, N
//     runs each: its first run (no compile cache) and later runs (Node's own
//     compile cache where Node has one) (goal: median <= 2x node -e 0), plus
//     the peak RSS of the init process.
//  2. The machine-access gate (issue 5): real nginx on 127.0.0.1 serving the
//     RENDERED machine-host config against a local upstream, loaded by wrk
//     with the generated credentials, on the same path with and without the
//     gate (goal: >= 80% of the throughput, <= 1 ms added median latency),
//     plus a bcrypt cost-10 row showing why generated users get {SSHA}.
//
// Bounded: every wrk run lasts WRK_SECONDS (<= 5 s), loopback only, and every
// process started here is stopped at the end, on error and on Ctrl-C too.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { installedNginx } from './lib/components.mjs';
import { cleanup, isCleaned } from './bench/common.mjs';
import { benchStartup, benchStartupMeasures, peakRss } from './bench/startup.mjs';
import { benchGate } from './bench/gate.mjs';

// ---- main -------------------------------------------------------------------------------
try {
  const nginx = installedNginx();
  const nginxVersion = nginx ? spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr.trim() : 'nginx absent';
  console.log(`prefect-secure bench: node ${process.version}, ${nginxVersion}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const stack = benchStartup();
  await benchStartupMeasures();
  peakRss();
  await benchGate(stack);
  await cleanup();
  // End to end with the real stack (scripts/install-components.sh installs it).
  const e2e = spawnSync('npx', ['vitest', 'run', '--project', 'bench', '--silent=false', '--reporter=dot'], { stdio: 'inherit' });
  if (e2e.status !== 0) process.exitCode = 1;
} catch (error) {
  // After Ctrl-C the cleanup has already stopped wrk and nginx; their exit is not a failure to report.
  if (!isCleaned()) {
    console.error(`\nbench failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
