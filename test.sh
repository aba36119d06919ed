#!/usr/bin/env bash
# Runs every test of Conclave. Installs what the tests need when it is missing, starts a private
# PostgreSQL on loopback for the storage tests, checks formatting, builds (the web app too), runs the
# web app's unit tests and the test projects,
# smoke-runs fuzzers and benchmarks, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log_dir="${TEST_LOG_DIR:-$(mktemp -d /tmp/conclave-test.XXXXXX)}"
passed=0
failed=0

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}
step_failed() { echo "FAILED: $1"; failed=$((failed + 1)); }

scripts/install-deps.sh || { step_failed "installing test dependencies"; finish; }

if pg="$(scripts/start-postgres.sh /tmp/conclave-pg 55432)"; then
  export CONCLAVE_TEST_POSTGRES="$pg"
else
  step_failed "starting PostgreSQL"
fi

echo "== dotnet format --verify-no-changes"
if dotnet format Conclave.slnx --verify-no-changes >"$log_dir/format.log" 2>&1; then
  passed=$((passed + 1))
else
  cat "$log_dir/format.log"; step_failed "dotnet format"
fi

echo "== build"
if ! dotnet build Conclave.slnx -c Release -nologo -v q >"$log_dir/build.log" 2>&1; then
  grep -E "error" "$log_dir/build.log" | sort -u | head -50
  step_failed "build"; finish
fi

# The web app's unit tests (Vitest: call phases, the encryption indicator, the security code, the settings
# stream, the API client's errors). The build above restored web/node_modules.
echo "== web app unit tests (vitest)"
if npm --prefix web test >"$log_dir/vitest.log" 2>&1; then
  grep -E "Tests +[0-9]+" "$log_dir/vitest.log" || true
  passed=$((passed + 1))
else
  tail -60 "$log_dir/vitest.log"; step_failed "web app unit tests (vitest)"
fi

# Runs one dotnet test pass over the solution with a filter; adds its counts and prints the failures
# with their messages. Sets "runs" to the number of test projects that reported.
run_tests() {
  local name="$1" filter="$2" log="$log_dir/test-$1.log" p f
  dotnet test Conclave.slnx -c Release --no-build --filter "$filter" --logger "console;verbosity=normal" \
    --blame-hang-timeout 5m >"$log" 2>&1
  grep -E "^\s+Failed |^Total tests|^ +(Passed|Failed|Skipped):" "$log" || true
  # Each test project ends its run with "Total tests: N" then "Passed: N", "Failed: N", "Skipped: N" lines.
  read -r p f runs < <(awk '
    /^Total tests:/ { runs++ }
    /^ +Passed: +[0-9]+$/ { p += $2 }
    /^ +Failed: +[0-9]+$/ { f += $2 }
    END { print p + 0, f + 0, runs + 0 }' "$log")
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then
    echo "-- failures ($name), with their messages:"
    grep -E -A30 "^\s+Failed " "$log" | head -400
  fi
}

# Browser tests (Chromium, Playwright) run alone after the rest: on two cores, a browser starved by
# four other test hosts retransmits its first DTLS and ICE packets for seconds.
echo "== tests"
run_tests main "Category!=Browser"
projects_expected=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$runs" -lt "$projects_expected" ]; then
  step_failed "only $runs of $projects_expected test projects reported (crash or hang; see $log_dir/test-main.log)"
fi

echo "== browser tests"
run_tests browser "Category=Browser"
browser_projects=$(grep -rl --include='*.cs' 'Trait("Category", "Browser")' tests | cut -d/ -f2 | sort -u | wc -l)
if [ "$runs" -lt "$browser_projects" ]; then
  step_failed "only $runs of $browser_projects browser test projects reported (see $log_dir/test-browser.log)"
fi

if [ -x scripts/smoke.sh ]; then
  echo "== fuzz and benchmark smoke runs"
  if scripts/smoke.sh >"$log_dir/smoke.log" 2>&1; then passed=$((passed + 1)); else tail -30 "$log_dir/smoke.log"; step_failed "smoke runs"; fi
fi

finish
