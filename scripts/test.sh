#!/usr/bin/env bash
# Runs the whole test suite: unit tests, storage tests on Azurite, HTTP and wiring tests.
# Extra arguments go to 'dotnet test' (e.g. --filter "FullyQualifiedName~Sampling").
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-node-tools.sh || exit 1
scripts/install-fonts.sh

# Style that holds itself: the whole 'dotnet format' check (layout, the style rules .editorconfig sets, import
# order) against .editorconfig. It needs the restored projects, not a build: about a minute and a half here.
dotnet restore Ervaring.sln -v q || exit 1
if ! dotnet format Ervaring.sln --verify-no-changes --no-restore; then
  echo "De opmaak wijkt af van .editorconfig: draai 'dotnet format Ervaring.sln' en commit het resultaat." >&2
  format_failed=1
fi

results=artifacts/test-results
rm -rf "$results"
dotnet test Ervaring.sln --logger trx --results-directory "$results" "$@"
status=$?

# One plain summary line over all test projects, for people and for CI.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
[ "$failed" -gt 0 ] && perl scripts/failed-tests.pl "$results"/*.trx
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "Geen test mislukt, maar dotnet test faalde: een project bouwde niet of een testrun brak af (zie de meldingen hierboven)." >&2
fi
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "Geen enkele test uitgevoerd." >&2
  exit 1
fi
[ "${format_failed:-0}" -eq 1 ] && exit 1
exit "$status"
