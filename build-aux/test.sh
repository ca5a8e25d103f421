#!/usr/bin/env bash
# Install what is missing, build with warnings as errors, run every test
# suite (core, data, ui) — the UI tests in a virtual X display with a
# private D-Bus session — and print "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-$top/build-test}
export MESON_ARGS="-Dwerror=true ${MESON_ARGS:-}"
export EXTRA_PACKAGES="clang locales valgrind poppler-utils ${EXTRA_PACKAGES:-}"
# DuckDB, the SQL dialect peer, comes from the npm registry through Node.js
export OPTIONAL_PACKAGES="nodejs:node npm:npm ${OPTIONAL_PACKAGES:-}"
export WANT_LOCALES="de_DE.UTF-8 fr_FR.UTF-8 es_ES.UTF-8 en_US.UTF-8"
# The locale test must not pass by skipping
export TANDEM_REQUIRE_LOCALES=1

"$top/build-aux/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }

in_display () {
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$@" </dev/null
}

started=$(date +%s)
stage () { echo "== $1 ($(( $(date +%s) - started )) s since the start)"; }

# 1. Every suite, warnings as errors
stage "every suite"
in_display meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2
status=$?
logs=("$BUILD_DIR/meson-logs/testlog.json")

# 2. The libFuzzer harnesses, a short run each (FUZZ_SECONDS), from their
#    seed corpora — every crash once found is a seed, so a regression test
if [ -z "${SKIP_FUZZ:-}" ]; then
  stage "fuzzing"
  fuzz_dir="$top/build-fuzz"
  if [ ! -f "$fuzz_dir/build.ninja" ]; then
    CC=clang meson setup "$fuzz_dir" "$top" -Dfuzzing=true -Dgui=disabled >/dev/null || status=1
  fi
  FUZZ_SECONDS=${FUZZ_SECONDS:-15} meson test -C "$fuzz_dir" --suite fuzz --print-errorlogs --num-processes 2 </dev/null || status=1
  logs+=("$fuzz_dir/meson-logs/testlog.json")
fi

# 3. AddressSanitizer + UndefinedBehaviorSanitizer (and LeakSanitizer):
#    the core, chart and UI suites
if [ -z "${SKIP_SANITIZERS:-}" ]; then
  stage "sanitizers"
  asan_dir="$top/build-asan"
  if [ ! -f "$asan_dir/build.ninja" ]; then
    meson setup "$asan_dir" "$top" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true >/dev/null || status=1
  fi
  meson compile -C "$asan_dir" >/dev/null || status=1
  # Core, charts and UI in one run, two at a time, leaks checked too (not
  # the kill test: SIGKILL leaves nothing for a sanitizer to say).  A test
  # under ASan runs several times slower, and CI machines are busy: five
  # times the suites' timeouts, and the smaller data sets of
  # TANDEM_TEST_SMALL (the same checks on fewer leads).
  TANDEM_TEST_SMALL=1 TANDEM_TEST_WAIT_SCALE=2 \
  in_display meson test -C "$asan_dir" --suite core --suite charts --suite ui --no-suite slow --print-errorlogs \
    --num-processes 2 --no-rebuild --timeout-multiplier 5 --logbase testlog-asan || status=1
  logs+=("$asan_dir/meson-logs/testlog-asan.json")
fi

stage "done"
/usr/bin/python3 - "${logs[@]}" <<'PY' || status=1
import json, os, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    if not os.path.exists(path):
        print(f"missing {path}", file=sys.stderr)
        failed += 1
        continue
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
PY
exit $status
