#!/usr/bin/env bash
# The DuckDB query `tandem-cli sql --dialect duckdb` writes must compute
# what the engine computes, in a real DuckDB: @duckdb/node-api (a prebuilt
# engine inside the npm package), installed by this test into CACHE_DIR in
# the build directory, never the source tree.  Skips (77) when neither the
# cache nor the npm registry has it.  The workspace's tables are loaded
# from CSV; every lead's fit and interest within 1e-9, grade and mql equal,
# and the --matrix query gives `tandem-cli matrix`'s cells.
#   test-sql-duckdb.sh PATH/TO/tandem-cli FIXTURES_DIR CACHE_DIR
set -u
cli=$1 fixtures=$2 cache=$3
here=$(dirname "$0")
package=@duckdb/node-api@1.5.6-r.1
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "1..0 # SKIP Node.js and npm are not installed (apt-get install nodejs npm)"
  exit 77
fi
mkdir -p "$cache"
if [ ! -d "$cache/node_modules/@duckdb/node-api" ]; then
  if ! timeout 600 npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error "$package" \
       > "$cache/npm.log" 2>&1; then
    if ! timeout 60 npm ping > /dev/null 2>&1; then
      echo "1..0 # SKIP the npm registry cannot be reached, so $package cannot be installed into $cache"
      exit 77
    fi
    echo "1..1"
    echo "not ok 1 - npm install $package (the registry answers)"
    sed 's/^/# /' "$cache/npm.log"
    exit 1
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
today=$(date -u +%F)

duckdb () { node "$here/run-duckdb.mjs" "$cache" "$@"; }

echo "1..9"
"$cli" import "$work/w.tandem" "$fixtures/leads.csv" >/dev/null &&
"$cli" import "$work/w.tandem" "$fixtures/events.tsv" --events >/dev/null 2>&1 &&
"$cli" demo "$work/demo.tandem" >/dev/null &&
mkdir "$work/w" "$work/demo" &&
python3 "$here/sql-engine.py" tables "$work/w.tandem" duckdb "$work/w" &&
python3 "$here/sql-engine.py" tables "$work/demo.tandem" duckdb "$work/demo" ||
  { echo "not ok 1 - the workspaces and their tables as CSV"; exit 1; }
echo "ok 1 - the workspaces and their tables as CSV"

n=1
# check NAME WORKSPACE TABLES_DIR AS_OF [--rules MODEL]: scores, then the matrix
check () {
  local name=$1 ws=$2 tables=$3 as_of=$4; shift 4
  n=$((n + 1))
  if "$cli" sql "$ws" "$@" --dialect duckdb --as-of "$as_of" > "$work/q.sql" &&
     "$cli" score "$ws" "$@" --as-of "$as_of" --format json > "$work/engine.json" &&
     duckdb "$tables/tables.sql" "$work/q.sql" > "$work/q.out" 2> "$work/q.err" &&
     python3 "$here/sql-engine.py" scores "$work/engine.json" "$work/q.out" tab; then
    echo "ok $n - $name: every lead scores the same in DuckDB"
  else
    echo "not ok $n - $name: every lead scores the same in DuckDB"
    sed 's/^/# /' "$work/q.err"
    exit 1
  fi
  n=$((n + 1))
  if "$cli" sql "$ws" "$@" --dialect duckdb --matrix --as-of "$as_of" > "$work/m.sql" &&
     "$cli" matrix "$ws" "$@" --as-of "$as_of" --json > "$work/matrix.json" &&
     duckdb "$tables/tables.sql" "$work/m.sql" > "$work/m.out" 2> "$work/q.err" &&
     python3 "$here/sql-engine.py" matrix "$work/matrix.json" "$work/m.out" tab; then
    echo "ok $n - $name: the --matrix query gives the matrix"
  else
    echo "not ok $n - $name: the --matrix query gives the matrix"
    sed 's/^/# /' "$work/q.err"
    exit 1
  fi
}
check "fixtures, every operator" "$work/w.tandem" "$work/w" 2024-02-01 --rules "$fixtures/model-every-op.json"
check "demo, its model" "$work/demo.tandem" "$work/demo" "$today"
check "demo, every operator" "$work/demo.tandem" "$work/demo" "$today" --rules "$fixtures/model-demo-every-op.json"

# Rule values with quotes and backslashes, on data that holds them
printf 'Lead ID,Job Title,Notes\nQ-1,O'"'"'Brien \\ Co\\,x\nQ-2,O'"'"'Brien  Co,y\nQ-3,a\\.b'"'"',z\nQ-4,aXb'"'"',w\nQ-5,a.b'"'"',v\nQ-6," spaced ",u\n' > "$work/quotes.csv"
cat > "$work/quotes.json" <<'JSON'
{ "name": "Quotes \\ 'and' backslashes",
  "fit": { "bands": [10, 2], "rules": [
    {"field": "Job Title", "op": "equals", "value": "O'Brien \\ Co\\", "points": 10, "case_sensitive": true},
    {"field": "Job Title", "op": "contains", "value": "\\", "points": 1},
    {"field": "Job Title", "op": "starts-with", "value": "o'", "points": 2},
    {"field": "Job Title", "op": "matches", "value": "^a\\.b'$", "points": 5},
    {"field": "Job Title", "op": "matches", "value": "^spaced", "points": 7},
    {"field": "Job Title", "op": "in", "value": ["x\\'y", "aXb'", "spaced"], "points": 3}
  ] },
  "interest": { "bands": [1], "rules": [] },
  "mql": ["A1"] }
JSON
if "$cli" import "$work/quotes.tandem" "$work/quotes.csv" >/dev/null &&
   mkdir "$work/quotes" && python3 "$here/sql-engine.py" tables "$work/quotes.tandem" duckdb "$work/quotes" &&
   "$cli" sql "$work/quotes.tandem" --rules "$work/quotes.json" --dialect duckdb --as-of 2024-02-01 > "$work/q.sql" &&
   "$cli" score "$work/quotes.tandem" --rules "$work/quotes.json" --as-of 2024-02-01 --format json > "$work/engine.json" &&
   duckdb "$work/quotes/tables.sql" "$work/q.sql" > "$work/q.out" 2> "$work/q.err" &&
   python3 "$here/sql-engine.py" scores "$work/engine.json" "$work/q.out" tab; then
  echo "ok 8 - quotes, backslashes and spaces in rule values and cells score the same"
else
  echo "not ok 8 - quotes, backslashes and spaces in rule values and cells score the same"
  sed 's/^/# /' "$work/q.err"
  exit 1
fi

if ! "$cli" sql "$work/w.tandem" --dialect duckdb --rules "$work/quotes.json" --dialect nosuch > /dev/null 2> "$work/bad.err" &&
   grep -q "postgres, sqlite or duckdb" "$work/bad.err"; then
  echo "ok 9 - an unknown dialect is refused, naming the three"
else
  echo "not ok 9 - an unknown dialect is refused, naming the three"
  sed 's/^/# /' "$work/bad.err"
  exit 1
fi
