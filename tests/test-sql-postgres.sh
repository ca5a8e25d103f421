#!/usr/bin/env bash
# The PostgreSQL query `tandem-cli sql` writes must compute what the engine
# computes: a throwaway PostgreSQL server (Unix socket in a temporary
# directory, no TCP), the workspace's tables loaded into it, every lead's
# fit and interest equal to 1e-9, grade and mql equal; then the demo
# (loaded from CSV) with its own model and one using every operator, and
# the --matrix query against `tandem-cli matrix` for each.
#   test-sql-postgres.sh PATH/TO/tandem-cli FIXTURES_DIR
set -u
cli=$1 fixtures=$2
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "1..0 # SKIP PostgreSQL is not installed (apt-get install postgresql)"
  exit 77
fi
work=$(mktemp -d)
chmod 755 "$work"
pgdata=$work/pg
cleanup () {
  [ -f "$pgdata/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdata/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL will not run as root
as_pg () {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

echo "1..13"
ws=$work/w.tandem
"$cli" import "$ws" "$fixtures/leads.csv" >/dev/null &&
"$cli" import "$ws" "$fixtures/events.tsv" --events >/dev/null 2>&1 &&
"$cli" sql "$ws" --rules "$fixtures/model-every-op.json" --dialect postgres --as-of 2024-02-01 > "$work/query.sql" &&
"$cli" score "$ws" --rules "$fixtures/model-every-op.json" --as-of 2024-02-01 --format json > "$work/engine.json" ||
  { echo "not ok 1 - workspace, query and engine scores"; exit 1; }
echo "ok 1 - workspace, query and engine scores"

# The workspace's tables, as they are, into SQL PostgreSQL reads
tables () {  # tables WORKSPACE OUT.sql
/usr/bin/python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = open(sys.argv[2], "w")
kinds = {"text": "text", "number": "double precision", "date": "text", "boolean": "integer"}
cols = [(sql, kinds[t]) for sql, t in db.execute("SELECT sql_name, type FROM columns ORDER BY position") if sql != "key"]
out.write("DROP TABLE IF EXISTS leads, events;\n")
out.write("CREATE TABLE leads (id bigint PRIMARY KEY, key text NOT NULL%s);\n" % "".join(", %s %s" % c for c in cols))
out.write("CREATE TABLE events (id bigint PRIMARY KEY, lead bigint NOT NULL, type text NOT NULL, at text NOT NULL, value double precision);\n")
def lit(v):
    if v is None: return "NULL"
    if isinstance(v, (int, float)): return repr(v)
    return "'" + str(v).replace("'", "''") + "'"
names = ["id", "key"] + [c[0] for c in cols]
for row in db.execute("SELECT %s FROM leads" % ", ".join(names)):
    out.write("INSERT INTO leads (%s) VALUES (%s);\n" % (", ".join(names), ", ".join(lit(v) for v in row)))
for row in db.execute("SELECT id, lead, type, at, value FROM events"):
    out.write("INSERT INTO events VALUES (%s);\n" % ", ".join(lit(v) for v in row))
PY
}
tables "$ws" "$work/tables.sql"
chmod -R a+rX "$work"

mkdir "$pgdata" && chown postgres "$pgdata" 2>/dev/null || true
if as_pg "$pgbin/initdb" -D "$pgdata/data" -A trust -U tandem >"$work/initdb.log" 2>&1 &&
   as_pg "$pgbin/pg_ctl" -D "$pgdata/data" -w -l "$pgdata/server.log" \
         -o "-k $pgdata -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1; then
  echo "ok 2 - a throwaway PostgreSQL server on a Unix socket"
else
  echo "not ok 2 - a throwaway PostgreSQL server on a Unix socket"
  cat "$work/initdb.log" "$pgdata/server.log" 2>/dev/null | sed 's/^/# /'
  exit 1
fi

psql () { as_pg "$pgbin/psql" -h "$pgdata" -U tandem -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
if psql -f "$work/tables.sql" >/dev/null 2>"$work/load.err" &&
   psql -At -F '|' -f "$work/query.sql" > "$work/sql.out" 2>"$work/query.err"; then
  echo "ok 3 - the tables load and the query runs"
else
  echo "not ok 3 - the tables load and the query runs"
  sed 's/^/# /' "$work/load.err" "$work/query.err"
  exit 1
fi

same () {  # same ENGINE.json SQL.out
/usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
engine = {r["id"]: r for r in json.load(open(sys.argv[1]))}
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[2]) if l.strip()]
bad = 0
for key, fit, interest, grade, mql in rows:
    e = engine.pop(key)
    if abs(float(fit) - e["fit"]) > 1e-9 or abs(float(interest) - e["interest"]) > 1e-9 or grade != e["grade"] or (mql == "1") != e["mql"]:
        print("# %s: engine %r, PostgreSQL %r" % (key, e, (fit, interest, grade, mql)))
        bad += 1
if engine:
    print("# leads missing from the query: %s" % ", ".join(engine))
    bad += 1
print("# %d leads compared" % len(rows))
sys.exit(1 if bad else 0)
PY
}
if same "$work/engine.json" "$work/sql.out"; then
  echo "ok 4 - every lead scores the same in PostgreSQL as in Tandem"
else
  echo "not ok 4 - every lead scores the same in PostgreSQL as in Tandem"
  exit 1
fi

# The query's string literals mean the same with standard_conforming_strings
# off (backslashes read as escapes in plain '…'): the same scores
off () { { echo "SET standard_conforming_strings = off;"; cat "$1"; } > "$1.off"; psql -At -F '|' -f "$1.off"; }
if off "$work/query.sql" > "$work/sql-off.out" 2>"$work/query.err" && same "$work/engine.json" "$work/sql-off.out"; then
  echo "ok 5 - the same scores with standard_conforming_strings off"
else
  echo "not ok 5 - the same scores with standard_conforming_strings off"
  sed 's/^/# /' "$work/query.err"
  exit 1
fi

# Rule values with quotes and backslashes, on data that holds them
ws2=$work/quotes.tandem
printf 'Lead ID,Job Title,Notes\nQ-1,O'"'"'Brien \\ Co\\,x\nQ-2,O'"'"'Brien  Co,y\nQ-3,a\\.b'"'"',z\nQ-4,aXb'"'"',w\nQ-5,a.b'"'"',v\n' > "$work/quotes.csv"
cat > "$work/quotes.json" <<'JSON'
{ "name": "Quotes \\ 'and' backslashes",
  "fit": { "bands": [10, 2], "rules": [
    {"field": "Job Title", "op": "equals", "value": "O'Brien \\ Co\\", "points": 10, "case_sensitive": true},
    {"field": "Job Title", "op": "contains", "value": "\\", "points": 1},
    {"field": "Job Title", "op": "starts-with", "value": "o'", "points": 2},
    {"field": "Job Title", "op": "matches", "value": "^a\\.b'$", "points": 5},
    {"field": "Job Title", "op": "in", "value": ["x\\'y", "aXb'"], "points": 3}
  ] },
  "interest": { "bands": [1], "rules": [] },
  "mql": ["A1"] }
JSON
if "$cli" import "$ws2" "$work/quotes.csv" >/dev/null &&
   "$cli" sql "$ws2" --rules "$work/quotes.json" --dialect postgres --as-of 2024-02-01 > "$work/quotes.sql" &&
   "$cli" score "$ws2" --rules "$work/quotes.json" --as-of 2024-02-01 --format json > "$work/quotes-engine.json" &&
   tables "$ws2" "$work/quotes-tables.sql" && chmod -R a+rX "$work" &&
   psql -f "$work/quotes-tables.sql" >/dev/null 2>"$work/load.err" &&
   psql -At -F '|' -f "$work/quotes.sql" > "$work/quotes-on.out" 2>"$work/query.err" &&
   same "$work/quotes-engine.json" "$work/quotes-on.out"; then
  echo "ok 6 - quotes and backslashes in rule values score the same"
else
  echo "not ok 6 - quotes and backslashes in rule values score the same"
  sed 's/^/# /' "$work/load.err" "$work/query.err" 2>/dev/null
  exit 1
fi
if off "$work/quotes.sql" > "$work/quotes-off.out" 2>"$work/query.err" &&
   same "$work/quotes-engine.json" "$work/quotes-off.out"; then
  echo "ok 7 - and the same with standard_conforming_strings off"
else
  echo "not ok 7 - and the same with standard_conforming_strings off"
  sed 's/^/# /' "$work/query.err"
  exit 1
fi

# The demo, loaded from CSV; the fixtures again for --matrix
here=$(dirname "$0")
today=$(date -u +%F)
mkdir "$work/demo" "$work/w" &&
"$cli" demo "$work/demo.tandem" >/dev/null &&
python3 "$here/sql-engine.py" tables "$work/demo.tandem" postgres "$work/demo" &&
python3 "$here/sql-engine.py" tables "$ws" postgres "$work/w" && chmod -R a+rX "$work" ||
  { echo "not ok 8 - the demo workspace and its tables as CSV"; exit 1; }
echo "ok 8 - the demo workspace and its tables as CSV"

n=8
# check NAME WORKSPACE TABLES_DIR AS_OF SCORES(yes/no) [--rules MODEL]
check () {
  local name=$1 w=$2 t=$3 as_of=$4 scores=$5; shift 5
  psql -f "$t/tables.sql" >/dev/null 2>"$work/load.err" || { echo "not ok $((n + 1)) - $name: load"; sed 's/^/# /' "$work/load.err"; exit 1; }
  if [ "$scores" = yes ]; then
    n=$((n + 1))
    if "$cli" sql "$w" "$@" --dialect postgres --as-of "$as_of" > "$work/q.sql" &&
       "$cli" score "$w" "$@" --as-of "$as_of" --format json > "$work/engine.json" &&
       chmod a+r "$work/q.sql" && psql -At -F '|' -f "$work/q.sql" > "$work/q.out" 2>"$work/query.err" &&
       python3 "$here/sql-engine.py" scores "$work/engine.json" "$work/q.out" pipe; then
      echo "ok $n - $name: every lead scores the same in PostgreSQL"
    else
      echo "not ok $n - $name: every lead scores the same in PostgreSQL"
      sed 's/^/# /' "$work/query.err"
      exit 1
    fi
  fi
  n=$((n + 1))
  if "$cli" sql "$w" "$@" --dialect postgres --matrix --as-of "$as_of" > "$work/m.sql" &&
     "$cli" matrix "$w" "$@" --as-of "$as_of" --json > "$work/matrix.json" &&
     chmod a+r "$work/m.sql" && psql -At -F '|' -f "$work/m.sql" > "$work/m.out" 2>"$work/query.err" &&
     python3 "$here/sql-engine.py" matrix "$work/matrix.json" "$work/m.out" pipe; then
    echo "ok $n - $name: the --matrix query gives the matrix"
  else
    echo "not ok $n - $name: the --matrix query gives the matrix"
    sed 's/^/# /' "$work/query.err"
    exit 1
  fi
}
check "fixtures, every operator" "$ws" "$work/w" 2024-02-01 no --rules "$fixtures/model-every-op.json"
check "demo, its model" "$work/demo.tandem" "$work/demo" "$today" yes
check "demo, every operator" "$work/demo.tandem" "$work/demo" "$today" yes --rules "$fixtures/model-demo-every-op.json"
