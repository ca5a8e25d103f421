#!/usr/bin/env bash
# Install what is missing, build with warnings as errors, run every test
# suite (core, data, ui) — the UI tests in a virtual X display with a
# private D-Bus session — and print "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-$top/build-test}
export MESON_ARGS="-Dwerror=true ${MESON_ARGS:-}"

"$top/build-aux/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }

xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- \
  meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2 </dev/null
status=$?

log="$BUILD_DIR/meson-logs/testlog.json"
if [ -f "$log" ]; then
  /usr/bin/python3 - "$log" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
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
PY
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
