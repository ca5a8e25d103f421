#!/usr/bin/env bash
# The SQLite query `tandem-cli sql --dialect sqlite` writes, run by the
# sqlite3 shell (its own REGEXP, not Tandem's) on the workspace itself,
# read-only, must compute what the engine computes: every lead's fit and
# interest within 1e-9, grade and mql equal, on the fixtures with a model
# using every operator, on the demo with its own model and with one using
# every operator; and the --matrix query gives `tandem-cli matrix`'s cells.
#   test-sql-sqlite.sh PATH/TO/tandem-cli FIXTURES_DIR
set -u
cli=$1 fixtures=$2
here=$(dirname "$0")
if ! command -v sqlite3 >/dev/null; then
  echo "1..0 # SKIP the sqlite3 shell is not installed (apt-get install sqlite3)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
today=$(date -u +%F)

echo "1..8"
"$cli" import "$work/w.tandem" "$fixtures/leads.csv" >/dev/null &&
"$cli" import "$work/w.tandem" "$fixtures/events.tsv" --events >/dev/null 2>&1 &&
"$cli" demo "$work/demo.tandem" >/dev/null ||
  { echo "not ok 1 - the workspaces"; exit 1; }
echo "ok 1 - the workspaces"

n=1
# check NAME WORKSPACE AS_OF [--rules MODEL]: scores, then the matrix
check () {
  local name=$1 ws=$2 as_of=$3; shift 3
  n=$((n + 1))
  if "$cli" sql "$ws" "$@" --dialect sqlite --as-of "$as_of" > "$work/q.sql" &&
     "$cli" score "$ws" "$@" --as-of "$as_of" --format json > "$work/engine.json" &&
     sqlite3 -readonly -bail -cmd ".mode quote" "$ws" < "$work/q.sql" > "$work/q.out" 2> "$work/q.err" &&
     python3 "$here/sql-engine.py" scores "$work/engine.json" "$work/q.out" quote; then
    echo "ok $n - $name: every lead scores the same in the sqlite3 shell"
  else
    echo "not ok $n - $name: every lead scores the same in the sqlite3 shell"
    sed 's/^/# /' "$work/q.err"
    exit 1
  fi
  n=$((n + 1))
  if "$cli" sql "$ws" "$@" --dialect sqlite --matrix --as-of "$as_of" > "$work/m.sql" &&
     "$cli" matrix "$ws" "$@" --as-of "$as_of" --json > "$work/matrix.json" &&
     sqlite3 -readonly -bail -cmd ".mode quote" "$ws" < "$work/m.sql" > "$work/m.out" 2> "$work/q.err" &&
     python3 "$here/sql-engine.py" matrix "$work/matrix.json" "$work/m.out" quote; then
    echo "ok $n - $name: the --matrix query gives the matrix"
  else
    echo "not ok $n - $name: the --matrix query gives the matrix"
    sed 's/^/# /' "$work/q.err"
    exit 1
  fi
}
check "fixtures, every operator" "$work/w.tandem" 2024-02-01 --rules "$fixtures/model-every-op.json"
check "demo, its model" "$work/demo.tandem" "$today"
check "demo, every operator" "$work/demo.tandem" "$today" --rules "$fixtures/model-demo-every-op.json"

# A pattern the shell's engine cannot read as Tandem does is refused, naming the rule
cat > "$work/bad.json" <<'JSON'
{ "name": "Digits", "fit": { "bands": [1], "rules": [
    {"field": "Job Title", "op": "matches", "value": "\\d{3}", "points": 1} ] },
  "interest": { "bands": [1], "rules": [] }, "mql": [] }
JSON
if ! "$cli" sql "$work/w.tandem" --dialect sqlite --rules "$work/bad.json" > /dev/null 2> "$work/bad.err" &&
   grep -q "Job Title matches" "$work/bad.err" && grep -q 'follows Unicode' "$work/bad.err"; then
  echo "ok 8 - a pattern the engines read differently is refused, naming the rule"
else
  echo "not ok 8 - a pattern the engines read differently is refused, naming the rule"
  sed 's/^/# /' "$work/bad.err"
  exit 1
fi
