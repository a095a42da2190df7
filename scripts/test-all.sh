#!/usr/bin/env bash
# Sets up everything the tests need — the real components included — and runs
# every test: the fast suite, then the rendered stack with the real software.
# Ends with a plain "N passed, N failed, N skipped" line. `.ci/run` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-components.sh
npx tsc --noEmit

reports=.cache/reports
rm -rf "$reports" && mkdir -p "$reports"
status=0
npx vitest run --project fast --reporter=default --reporter=json --outputFile.json="$reports/fast.json" || status=$?
npx vitest run --project real --reporter=default --reporter=json --outputFile.json="$reports/real.json" || status=$?

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed++; console.log(`no report: ${file}`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    // A suite that failed outside a test (a beforeAll) counts as one failure.
    failed += r.numFailedTests || (r.success ? 0 : Math.max(1, r.numFailedTestSuites));
    skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$reports/fast.json" "$reports/real.json"
exit "$status"
