#!/usr/bin/env bash
# Kills tandem-cli with SIGKILL at random moments during imports (a fresh
# leads import, a merge, an events import) and model saves (a 3,000-rule
# model made live over another), then reopens the workspace:
# PRAGMA integrity_check must say ok, and the workspace must hold the whole
# import or none of it.  Its columnar snapshot must be current (made in the
# same transaction as the rows it holds: one from before a killed import
# is never used with rows from after it), and scoring from it must give
# exactly the scores of that state, whole import or none.  A fresh import
# builds its new workspace under a temporary name: killed, it leaves
# nothing at the path (no -wal, -shm or -journal either) or the whole
# workspace, never an empty one, and the path then takes a new workspace.
#   test-crash.sh PATH/TO/tandem-cli      (CRASH_KILLS, default 50)
set -u
cli=$1
kills=${CRASH_KILLS:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Inputs big enough to take a moment, small enough for CI.
awk 'BEGIN { print "Lead ID,Title,Employees,Created,Source";
             for (i = 1; i <= 150000; i++)
               printf "L%d,Title %d,%d,2024-%02d-%02d,Source %d\n", i, i % 97, i % 5000, 1 + i % 12, 1 + i % 28, i % 7 }' > leads.csv
awk 'BEGIN { print "Lead ID,Segment,Revenue";
             for (i = 1; i <= 150000; i += 2) printf "L%d,seg %d,%d.5\n", i, i % 13, i }' > deals.csv
awk 'BEGIN { print "lead_id,type,timestamp,value";
             for (i = 1; i <= 300000; i++)
               printf "L%d,page_view,2024-%02d-%02d 10:00:00,%d\n", 1 + i % 150000, 1 + i % 12, 1 + i % 28, i % 60 }' > events.csv

# A model big enough that saving it takes a moment
awk 'BEGIN { printf "{\"name\": \"Big\", \"fit\": {\"bands\": [30, 15, 5], \"rules\": [";
             for (i = 1; i <= 3000; i++) printf "%s{\"field\": \"Title\", \"op\": \"equals\", \"value\": \"Title %d\", \"points\": %d}", (i > 1 ? ", " : ""), i % 97, i % 9;
             printf "]}, \"interest\": {\"bands\": [10]}, \"mql\": [\"A1\"]}\n" }' > big.json
printf '{"name": "Base", "fit": {"bands": [10], "rules": [{"field": "Employees", "op": ">", "value": 100, "points": 20}]}, "interest": {"bands": [10]}, "mql": ["A1"]}\n' > base-model.json

info () { "$cli" info "$1" --json 2>"$work/info.err" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["leads"], d["events"], len(d["columns"]), "snapshot" if d["snapshot_current"] else "NO-SNAPSHOT")'; }
# What every lead scores (a digest): the base columns; with the merged
# ones; with the events
fit='{"field": "Employees", "op": ">", "value": 100, "points": 20}, {"field": "Title", "op": "in", "value": ["Title 3", "Title 5"], "points": 4}'
printf '{"name": "Probe", "fit": {"bands": [10], "rules": [%s]}, "interest": {"bands": [10]}, "mql": ["A1"]}\n' "$fit" > probe-base.json
printf '{"name": "Probe", "fit": {"bands": [10], "rules": [%s, {"field": "Segment", "op": "equals", "value": "seg 3", "points": 4}, {"field": "Revenue", "op": "times", "points": 0.001, "max": 9}]}, "interest": {"bands": [10]}, "mql": ["A1"]}\n' "$fit" > probe-merge.json
printf '{"name": "Probe", "fit": {"bands": [10], "rules": [%s]}, "interest": {"bands": [10], "rules": [{"event": "page_view", "points": 1, "max": 9, "half_life_days": 30}]}, "mql": ["A1"]}\n' "$fit" > probe-events.json
declare -A probe=([fresh]=probe-base.json [merge]=probe-merge.json [events]=probe-events.json [model]=probe-base.json)
scores () { "$cli" score "$1" --rules "$2" --as-of 2024-12-31 2>&1 | md5sum | cut -c1-12; }
models () { /usr/bin/python3 -c 'import sqlite3,sys; print(";".join("%s/%d/%d" % r for r in sqlite3.connect(sys.argv[1]).execute("SELECT name, live, length(body) FROM models ORDER BY name")))' "$1"; }
integrity () { /usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1"; }

"$cli" import base.tandem leads.csv >/dev/null || { echo "Bail out! base import failed"; exit 1; }
"$cli" rules import base.tandem base-model.json --live >/dev/null || { echo "Bail out! base model failed"; exit 1; }
base=$(info base.tandem)
base_models=$(models base.tandem)
base_scores=$(scores base.tandem probe-base.json)

# One uninterrupted run of each kind: how long it takes, what "all" looks like.
declare -A duration after after_scores
for kind in fresh merge events model; do
  rm -f w.tandem*; [ $kind = fresh ] || cp base.tandem w.tandem
  case $kind in
    fresh)  args=(import w.tandem leads.csv) ;;
    merge)  args=(import w.tandem deals.csv --merge) ;;
    events) args=(import w.tandem events.csv --events) ;;
    model)  args=(rules import w.tandem big.json --live) ;;
  esac
  start=$(date +%s%N)
  "$cli" "${args[@]}" >/dev/null || { echo "Bail out! $kind failed"; exit 1; }
  duration[$kind]=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ $kind = model ]; then after[$kind]=$(models w.tandem); else after[$kind]=$(info w.tandem); fi
  after_scores[$kind]=$(scores w.tandem "${probe[$kind]}")
done
case "${after[fresh]} ${after[merge]} ${after[events]}" in
  *NO-SNAPSHOT*) echo "Bail out! an uninterrupted import left no current snapshot: ${after[*]}"; exit 1 ;;
esac

echo "1..$kills"
failed=0 survived=0
for i in $(seq "$kills"); do
  kinds=(fresh merge events model); kind=${kinds[$((i % 4))]}
  rm -f w.tandem*; [ $kind = fresh ] || cp base.tandem w.tandem
  case $kind in
    fresh)  args=(import w.tandem leads.csv); before="none" ;;
    merge)  args=(import w.tandem deals.csv --merge); before=$base ;;
    events) args=(import w.tandem events.csv --events); before=$base ;;
    model)  args=(rules import w.tandem big.json --live); before=$base_models ;;
  esac
  # A moment anywhere in the run, a little past its usual end included.
  ms=$(( RANDOM * (${duration[$kind]} * 11 / 10) / 32767 ))
  "$cli" "${args[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null

  if [ $kind = fresh ] && [ ! -e w.tandem ] && [ ! -L w.tandem ]; then
    # Nothing at the path: no companions either, and the path is free for
    # a new workspace; the killed one's temporary file does not stay.
    left=$(ls w.tandem-wal w.tandem-shm w.tandem-journal 2>/dev/null)
    if [ $((i % 8)) -lt 4 ]; then again=(demo w.tandem --leads 50); else again=(import w.tandem deals.csv); fi
    "$cli" "${again[@]}" >/dev/null 2>"$work/again.err"; again_rc=$?
    stray=$(ls w.tandem.creating-* 2>/dev/null)
    if [ -z "$left" ] && [ $again_rc -eq 0 ] && [ -z "$stray" ] && [ "$(integrity w.tandem 2>&1)" = ok ]; then
      survived=$((survived + 1)); echo "ok $i - $kind killed at ${ms} ms: no workspace yet, then ${again[0]} to the path works"
    else
      failed=$((failed + 1))
      echo "not ok $i - $kind killed at ${ms} ms: left '$left', ${again[0]} exit $again_rc ($(cat "$work/again.err")), stray '$stray'"
    fi
    continue
  fi
  if [ $kind = model ]; then
    got=$(models w.tandem 2>&1)
  else
    got=$(info w.tandem) || got="unreadable: $(cat "$work/info.err")"
  fi
  check=$(integrity w.tandem 2>&1)
  # The scores of the state it is in: the import's probe after it, the
  # base columns' before it (a model save changes no score)
  if [ $kind = model ] || [ "$got" = "$before" ]; then
    got_scores=$(scores w.tandem probe-base.json) want_scores=$base_scores
  else
    got_scores=$(scores w.tandem "${probe[$kind]}") want_scores=${after_scores[$kind]}
  fi
  # A fresh import's workspace appears whole or not at all: "none" is no answer here
  if [ "$check" = ok ] && [ "$got_scores" = "$want_scores" ] &&
     { [ "$got" = "${after[$kind]}" ] || { [ $kind != fresh ] && [ "$got" = "$before" ]; }; }; then
    survived=$((survived + 1)); echo "ok $i - $kind killed at ${ms} ms: $got"
  else
    failed=$((failed + 1)); echo "not ok $i - $kind killed at ${ms} ms: got '$got' scoring $got_scores (integrity: $check), wanted '$before' or '${after[$kind]}' scoring $want_scores"
    cp w.tandem* "${TMPDIR:-/tmp}/" 2>/dev/null
  fi
done
echo "# $survived of $kills kills survived (durations: fresh ${duration[fresh]} ms, merge ${duration[merge]} ms, events ${duration[events]} ms, model ${duration[model]} ms)"
exit $((failed > 0))
