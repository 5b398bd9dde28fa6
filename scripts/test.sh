#!/usr/bin/env bash
# npm test: build once, then unit + integration (Vitest) and browser (Playwright) suites.
# TEST_DATABASE_URL=postgres://… runs integration and e2e against PostgreSQL instead of embedded PGlite,
# with the unit and standalone files that open a PostgreSQL database (they name TEST_DATABASE_URL or
# use tests/support/throwaway-postgres.ts or webhook-test-db.ts). The other unit and standalone files
# bring their own PGlite whatever the setting, so a second run would repeat the first exactly.
# Prints one closing line "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
label="${TEST_LABEL:-$([ -n "${TEST_DATABASE_URL:-}" ] && echo postgres || echo pglite)}"
out=".ci-out/$label"
rm -rf "$out" && mkdir -p "$out"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  npx next build > "$out/build.log" 2>&1 || { cat "$out/build.log"; echo "0 passed, 1 failed"; exit 1; }
fi

status=0
files=()
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  mapfile -t files < <(grep -lE "TEST_DATABASE_URL|support/(throwaway-postgres|webhook-test-db)'" \
    tests/unit/*.test.ts tests/standalone/*.test.ts)
  files+=(tests/integration/)
fi
npx vitest run --reporter=default --reporter=json --outputFile="$out/vitest.json" "${files[@]}" || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test --reporter=list,json || status=1

node scripts/sum-test-results.mjs "$out" || status=1
exit $status
