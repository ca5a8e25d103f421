#!/usr/bin/env bash
# tandem-cli end to end: commands, exit codes, messages, JSON.
#   test-cli.sh PATH/TO/tandem-cli FIXTURES_DIR
set -u
cli=$1 fixtures=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0 failed=0

ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

# expect NAME CODE COMMAND...: runs it, checks the exit code; output in $out, $err
expect () {
  local name=$1 code=$2; shift 2
  "$@" >"$work/out" 2>"$work/err"; local got=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
  if [ "$got" -eq "$code" ]; then ok "$name"; else fail "$name" "exit $got, wanted $code" "stdout: $out" "stderr: $err"; fi
}
contains () { if grep -qF -- "$2" <<<"$3"; then ok "$1"; else fail "$1" "wanted: $2" "got: $3"; fi; }
one_line () { if [ "$(printf '%s' "$2" | wc -l)" -eq 0 ] && [ -n "$2" ]; then ok "$1"; else fail "$1" "not one line: $2"; fi; }
json () { /usr/bin/python3 -c "import json,sys; d=json.load(open('$work/out')); print($1)"; }


expect "--help" 0 "$cli" --help
contains "--help lists import" "import" "$out"
for c in demo import info; do expect "$c --help" 0 "$cli" $c --help; done
expect "no command" 2 "$cli"
expect "unknown command" 2 "$cli" frobnicate
contains "unknown command named" "“frobnicate”" "$err"
expect "bad option" 2 "$cli" info --bogus x.tandem

ws=$work/leads.tandem
expect "import creates the workspace" 0 "$cli" import "$ws" "$fixtures/leads.csv"
contains "import reports the count" "Imported 5 leads" "$out"
expect "info --json" 0 "$cli" info "$ws" --json
contains "schema version" "3" "$(json 'd["schema_version"]')"
contains "lead count" "5" "$(json 'd["leads"]')"
contains "columns in file order with types, roles, nulls" \
  "Prospect ID:text:id:0 Job Title:text:None:0 Industry:text:None:0 Company Size:number:None:1 Created:date:created:0 Lead Source:text:source:0 Owner:text:owner:1 Converted:boolean:outcome:2 Amount:number:amount:4 Notes:text:None:2" \
  "$(json '" ".join("%s:%s:%s:%d" % (c["name"], c["type"], c["role"], c["nulls"]) for c in d["columns"])')"

expect "merge import" 0 "$cli" import "$ws" "$fixtures/deals.csv" --merge
contains "merge reports rows" "Merged 2 rows" "$out"
contains "unknown id reported" "“P-999” on line 4" "$err"
expect "events import" 0 "$cli" import "$ws" "$fixtures/events.tsv" --events
contains "events counted" "Imported 3 events" "$out"
expect "info after merge" 0 "$cli" info "$ws" --json
contains "won_date is a stage date" "stage-date:Won" "$(json '[c["role"] for c in d["columns"] if c["name"]=="won_date"][0]')"

# Errors: one line on stderr, non-zero, workspace unchanged
cp "$ws" "$work/before.tandem"
expect "broken CSV fails" 1 "$cli" import "$ws" "$fixtures/broken.csv" --merge
one_line "broken CSV: one line" "$err"
contains "broken CSV names file and line" "broken.csv, line 3" "$err"
if cmp -s "$ws" "$work/before.tandem"; then ok "failed merge leaves the file unchanged"; else fail "failed merge leaves the file unchanged"; fi

new=$work/new.tandem
expect "failed import into a new workspace" 1 "$cli" import "$new" "$fixtures/broken.csv"
if [ ! -e "$new" ] && [ ! -e "$new-wal" ]; then ok "no workspace left behind"; else fail "no workspace left behind" "$(ls "$work")"; fi

expect "overrides" 0 "$cli" import "$work/o.tandem" "$fixtures/leads.csv" --type "Company Size=text" --map "Job Title=attribute" --map "Owner=attribute" --null Webinar
expect "bad --map" 2 "$cli" import "$work/p.tandem" "$fixtures/leads.csv" --map "Owner=boss"
contains "bad --map message" "Unknown role “boss”" "$err"
expect "--map of a missing column" 1 "$cli" import "$work/q.tandem" "$fixtures/leads.csv" --map "Ownr=owner"
contains "missing column named" "no column named “Ownr”" "$err"

# Column names with control characters or of any length: info's table
# shows them escaped and cut, one line a column; its JSON keeps them exact
printf 'Lead ID,"Job\nTitle",Tab\tbed,"a\033[31mred",%s,Entrée\n1,x,y,z,w,v\n' "$(printf 'n%.0s' $(seq 1 60))" > "$work/names.csv"
expect "import odd column names" 0 "$cli" import "$work/names.tandem" "$work/names.csv"
expect "info with odd column names" 0 "$cli" info "$work/names.tandem"
contains "a newline shown as \\n" 'Job\nTitle ' "$out"
contains "a tab shown as \\t" 'Tab\tbed ' "$out"
contains "an escape character shown, not sent" 'a\u001B[31mred ' "$out"
if grep -q "$(printf '\033')" "$work/out"; then fail "no escape character reaches the terminal"; else ok "no escape character reaches the terminal"; fi
contains "a long name cut" "$(printf 'n%.0s' $(seq 1 31))… text" "$out"
aligned=$(/usr/bin/python3 -c '
import sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n\n")[1].splitlines()
print(len(rows), sorted(set(r.index(" text ") for r in rows[1:])))' "$work/out")
contains "one line a column, types aligned" "7 [32]" "$aligned"
expect "info --json with odd column names" 0 "$cli" info "$work/names.tandem" --json
contains "JSON keeps the names exact" "['Lead ID', 'Job\\nTitle', 'Tab\\tbed', 'a\\x1b[31mred', '$(printf 'n%.0s' $(seq 1 60))', 'Entrée']" "$(json '[c["name"] for c in d["columns"]]')"

echo "hello" > "$work/foreign.tandem"
expect "foreign file refused" 1 "$cli" info "$work/foreign.tandem"
contains "foreign file message" "not a Tandem workspace" "$err"
if [ "$(cat "$work/foreign.tandem")" = "hello" ]; then ok "foreign file untouched"; else fail "foreign file untouched"; fi

# Scoring
expect "rules import --live" 0 "$cli" rules import "$ws" "$fixtures/model.json" --live
expect "rules list" 0 "$cli" rules list "$ws"
contains "live model listed" "Fixture B2B (live)" "$out"
expect "score (live model)" 0 "$cli" score "$ws" --as-of 2024-02-01
contains "score header and first row" "id,fit,interest,grade,mql
P-001,45.00,24.33,A1,1" "$out"
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
  out=$(LC_ALL=de_DE.UTF-8 "$cli" score "$ws" --as-of 2024-02-01 2>&1)
  contains "score's CSV keeps a decimal point under de_DE" "P-001,45.00,24.33,A1,1" "$out"
  out=$(LC_ALL=fr_FR.UTF-8 "$cli" score "$ws" --as-of 2024-02-01 --format json 2>&1)
  contains "and its JSON under fr_FR" '"fit":45.0' "$out"
elif [ -n "${TANDEM_REQUIRE_LOCALES:-}" ]; then
  fail "de_DE.UTF-8 is not installed"
fi
expect "score --rules --format json" 0 "$cli" score "$ws" --rules "$fixtures/model.json" --as-of 2024-02-01 --format json
contains "json grade" "A1 True" "$(json 'd[0]["grade"] + " " + str(d[0]["mql"])')"
expect "explain" 0 "$cli" explain "$ws" P-001 --as-of 2024-02-01
contains "explain names the rule and the value" "+25 Senior title (“VP of Marketing”)" "$out"
expect "explain an unknown lead" 1 "$cli" explain "$ws" P-404
expect "matrix --json" 0 "$cli" matrix "$ws" --as-of 2024-02-01 --json
contains "matrix counts the MQLs" "1 5" "$(json 'str(d["mql"]) + " " + str(d["leads"])')"
printf '{"name": "bad", "fit": {"bands": [1], "rules": [{"field": "Job Title", "op": "contain", "value": "x", "points": 1}]}, "interest": {"bands": [1]}, "mql": []}' > "$work/bad.json"
expect "a bad model is refused" 1 "$cli" rules import "$ws" "$work/bad.json"
contains "with its JSON path" 'fit.rules[0].op: unknown operator "contain"' "$err"
# Numbers that would not read back, and nesting json-glib's parser would overflow its stack on
sum_before=$(sha256sum < "$ws")
for v in 1e20 1e999 99999999999999999999 -99999999999999999999 1e-400; do
  printf '{"name": "big", "fit": {"bands": [1], "rules": [{"field": "Company Size", "op": ">", "value": %s, "points": 1}]}, "interest": {"bands": [1]}, "mql": []}' "$v" > "$work/big.json"
  expect "rules import --live refuses $v" 1 "$cli" rules import "$ws" "$work/big.json" --live
  contains "$v: named by its JSON path" "big.json: fit.rules[0].value: $v is " "$err"
done
if [ "$(sha256sum < "$ws")" = "$sum_before" ]; then ok "refused numbers leave the workspace unchanged"; else fail "refused numbers leave the workspace unchanged"; fi
head -c 200000 /dev/zero | tr '\0' '[' > "$work/deep.json"
expect "score --rules with a file nested 200,000 deep" 1 "$cli" score "$ws" --rules "$work/deep.json"
one_line "deep model: one line" "$err"
contains "deep model: the message" "deep.json: The model is nested more than 64 levels deep" "$err"
expect "rules import of a file nested 200,000 deep" 1 "$cli" rules import "$ws" "$work/deep.json" --live
if [ "$(sha256sum < "$ws")" = "$sum_before" ]; then ok "the deep file leaves the workspace unchanged"; else fail "the deep file leaves the workspace unchanged"; fi
cp "$ws" "$work/deep.tandem"
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE models SET body = ? WHERE live = 1', ('{\"a\":' * 200000,)); c.commit()" "$work/deep.tandem"
for c in score matrix "rules export"; do
  expect "$c with a stored live model nested 200,000 deep" 1 "$cli" $c "$work/deep.tandem"
  contains "$c: the stored model is damaged" "The model stored in the workspace is damaged: The model is nested more than 64 levels deep" "$err"
done
expect "--as-of must be a date" 2 "$cli" score "$ws" --as-of yesterday

# A workspace whose table of columns puts its own text into the SQL: refused
# at once (timeout: a regression shows as a failure, not a hang), unchanged
hostile () {  # hostile FILE POSITION SQL_NAME
  cp "$ws" "$1"
  /usr/bin/python3 - "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE columns SET sql_name = ? WHERE position = ?", (sys.argv[3], int(sys.argv[2])))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute("PRAGMA journal_mode = DELETE")
db.close()
PY
}
hostile "$work/forever.tandem" 3 "(WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r)"
hostile "$work/drop.tandem" 5 "key FROM leads; DROP TABLE leads; --"
for f in forever drop; do
  sum=$(sha256sum < "$work/$f.tandem")
  for c in score sql; do
    expect "$c refuses the $f workspace" 1 timeout 60 "$cli" $c "$work/$f.tandem" --as-of 2024-02-01
    contains "$c names the column and what is wrong" "column $([ $f = forever ] && echo 4 || echo 6)'s internal name is not Tandem's own" "$err"
    one_line "$c: one line" "$err"
    if [ "$(sha256sum < "$work/$f.tandem")" = "$sum" ] && [ ! -e "$work/$f.tandem-wal" ]; then ok "$c leaves the $f workspace unchanged"
    else fail "$c leaves the $f workspace unchanged"; fi
  done
done

# Insights and diff (the fixture's outcomes: P-001 won, P-002 and P-005 lost, the rest open)
expect "insights --json" 0 "$cli" insights "$ws" --as-of 2024-02-01 --json
contains "MQLs and their wins" "1 1 1 1" "$(json '"%d %d %d %d" % (d["mql"], d["mql_won"], d["won"], [c for c in d["cells"] if c["cell"] == "A1"][0]["won"])')"
contains "a rule's matches, conversion and lift" "Student 1 0.0 0.25 0.0" "$(json '" ".join(str(x) for r in d["rules"] if r["label"].startswith("Job Title equals") for x in ("Student", r["matched"], r["conversion_matched"], r["conversion_others"], r["lift"]))')"
contains "deciles cover every lead" "5 5" "$(json '"%d %d" % (sum(x["leads"] for x in d["deciles"]["fit"]), sum(x["leads"] for x in d["deciles"]["interest"]))')"
expect "insights text" 0 "$cli" insights "$ws" --as-of 2024-02-01
contains "insights summary" "5 leads, 1 won (20.0 %); 1 MQLs, 1 won (100.0 %)" "$out"
sed 's/"mql": \["A1", "A2", "B1"\]/"mql": ["A4"]/' "$fixtures/model-every-op.json" > "$work/draft.json"
expect "diff --json" 0 "$cli" diff "$ws" "Fixture B2B" "$work/draft.json" --as-of 2024-02-01 --json
contains "leads entering and leaving MQL" "P-002 P-001 1 1" "$(json '" ".join(d["entering"] + d["leaving"]) + " %d %d" % (d["models"][0]["mql"], d["models"][1]["mql"])')"
expect "insights of a draft --json" 0 "$cli" insights "$ws" --rules "$work/draft.json" --as-of 2024-02-01 --json
contains "a draft back-tested against the live model" "Fixture B2B 1 1 0 1.0" "$(json '"%s %d %d %d %s" % (d["versus_live"]["live_model"], d["versus_live"]["mql"], d["versus_live"]["mql_won"], d["mql_change"] if "mql_change" in d else d["versus_live"]["mql_change"], d["versus_live"]["mql_conversion"])')"
expect "insights of the live model --json" 0 "$cli" insights "$ws" --as-of 2024-02-01 --json
contains "no comparison for the live model itself" "None" "$(json 'd["versus_live"]')"
expect "insights of a draft" 0 "$cli" insights "$ws" --rules "$work/draft.json" --as-of 2024-02-01
contains "the comparison in words" "Live model “Fixture B2B”: 1 MQLs, 1 won (100.0 %); this model changes the MQLs by +0" "$out"
expect "diff with an unknown model" 1 "$cli" diff "$ws" "Fixture B2B" "Nope"
contains "names it" "no model named “Nope”" "$err"

# Funnel: the pipeline export's shape (tests/test-funnel.c works its numbers out)
pw=$work/pipeline.tandem
"$cli" import "$pw" "$fixtures/pipeline.csv" >/dev/null
expect "waterfall --help" 0 "$cli" waterfall --help
expect "taxonomy --help" 0 "$cli" taxonomy --help
contains "--help lists waterfall" "waterfall" "$("$cli" --help)"
expect "waterfall with no stages saved" 0 "$cli" waterfall "$pw"
contains "no stages: the template the stage column names" "No stages are saved: the pipeline template, whose stages the current-stage column names (4 of its values" "$out"
contains "no stages: the pipeline counted" "Engaging" "$out"
expect "taxonomy with no stages saved --json" 0 "$cli" taxonomy "$pw" --json
contains "taxonomy: the automatic choice, said" "True pipeline Prospecting Engaging Won Lost" "$(json '"%s %s %s" % (d["automatic"], "pipeline" if "pipeline template" in d["choice"] else d["choice"], " ".join(s["name"] for s in d["stages"]))')"
expect "waterfall --json with no stages saved" 0 "$cli" waterfall "$pw" --json
contains "waterfall --json: automatic, the same stages" "True Prospecting Engaging Won" "$(json '"%s %s" % (d["automatic"], " ".join(s["name"] for s in d["segments"][0]["stages"]))')"

expect "plan a workspace with no rates given: its own" 0 "$cli" plan "$pw" --revenue 1000
contains "plan: the rates said where from" "Rates: from 7 leads in this workspace" "$out"
contains "plan: the median won deal" "Deal size: median of 4 won deals" "$out"
contains "plan: the workspace's stages" "Prospecting" "$out"
expect "plan --json from the workspace" 0 "$cli" plan "$pw" --revenue 1000 --json
contains "plan --json: the stages and a rate from the data" "Prospecting 0.857" "$(json '"%s %.3f" % (d["stages"][0]["name"], d["stages"][0]["rate"])')"
expect "plan a workspace with neither goal nor scenario" 2 "$cli" plan "$pw"
contains "plan: what to give" "--revenue R to plan from its stages and rates" "$err"

# An education export: an outcome and nothing else to stage leads by
ew=$work/education.tandem
"$cli" import "$ew" "$fixtures/education.csv" >/dev/null
expect "waterfall: only an outcome" 0 "$cli" waterfall "$ew" --json
contains "only an outcome: all leads, then won" "True outcome Lead:10 Won:4" "$(json '"%s %s %s" % (d["automatic"], d["source"], " ".join("%s:%d" % (s["name"], s["reached"]) for s in d["segments"][0]["stages"]))')"
expect "waterfall text: only an outcome" 0 "$cli" waterfall "$ew"
contains "only an outcome: says so" "only the outcome column “Converted”: every lead, then won or lost" "$out"
expect "plan --revenue with no amounts to take a deal size from" 2 "$cli" plan "$ew" --revenue 1000
contains "plan: no deal size, the way forward" "or plan a number of deals with --target Won=N" "$err"
expect "plan --target with no amounts" 0 "$cli" plan "$ew" --target Won=4
contains "plan: the deal size said to be a typical value" "Deal size: a typical value — no amounts in this workspace" "$out"
contains "plan: the workspace's own rate" "Lead                     10.0           10" "$out"
expect "taxonomy --save keeps the automatic stages" 0 "$cli" taxonomy "$ew" --save --json
contains "saved: no longer automatic" "False Lead Won Lost" "$(json '"%s %s" % (d["automatic"], " ".join(s["name"] for s in d["stages"]))')"
expect "taxonomy after --save" 0 "$cli" taxonomy "$ew" --json
contains "the saved stages are the ones chosen" "False Lead Won Lost" "$(json '"%s %s" % (d["automatic"], " ".join(s["name"] for s in d["stages"]))')"

# MQLs merged with the deals they closed: a creation date and a won date
ow=$work/mqls.tandem
"$cli" import "$ow" "$fixtures/mqls.csv" >/dev/null
"$cli" import "$ow" --merge "$fixtures/won-deals.csv" >/dev/null
expect "waterfall: stage dates only" 0 "$cli" waterfall "$ow" --json
contains "stage dates: every lead, then won" "True dates Lead:8 Won:3 backwards 1" "$(json '"%s %s %s backwards %d" % (d["automatic"], d["source"], " ".join("%s:%d" % (s["name"], s["reached"]) for s in d["segments"][0]["stages"]), d["segments"][0]["stages"][1]["negative_durations"])')"
expect "taxonomy --template pipeline --json" 0 "$cli" taxonomy "$pw" --template pipeline --json
contains "the pipeline's stages and kinds" "Prospecting:open Engaging:open Won:won Lost:lost" "$(json '" ".join(s["name"] + ":" + s["kind"] for s in d["stages"])')"
expect "taxonomy text" 0 "$cli" taxonomy "$pw"
contains "definitions shown" "A deal that closed won." "$out"
expect "bad template" 2 "$cli" taxonomy "$pw" --template funnel
expect "waterfall --json" 0 "$cli" waterfall "$pw" --json
contains "mode, period, one segment" "cohort None None 1 None" "$(json '"%s %s %s %d %s" % (d["mode"], d["from"], d["to"], len(d["segments"]), d["segments"][0]["segment"])')"
contains "reached, open, lost per stage" "Prospecting 7 1 0|Engaging 6 1 1|Won 4 0 0" "$(json '"|".join("%s %d %d %d" % (s["name"], s["reached"], s["open"], s["lost"]) for s in d["segments"][0]["stages"])')"
contains "conversion as fractions, null where undefined" "None 1.0|0.8571 0.8571|0.6667 0.5714" "$(json '"|".join("%s %s" % (s["conversion_from_previous"] if s["conversion_from_previous"] is None else round(s["conversion_from_previous"], 4), round(s["conversion_from_first"], 4)) for s in d["segments"][0]["stages"])')"
contains "days and backwards durations" "None None 0|10.0 11.3333 1" "$(json '"|".join("%s %s %d" % (s["median_days_from_previous"], s["mean_days_from_previous"] if s["mean_days_from_previous"] is None else round(s["mean_days_from_previous"], 4), s["negative_durations"]) for s in d["segments"][0]["stages"][1:])')"
expect "waterfall text" 0 "$cli" waterfall "$pw"
contains "a readable table" "Engaging                           6     85.7 %     85.7 %        —        —       1       1        0         0" "$out"
expect "waterfall --by --mode flow --from --to" 0 "$cli" waterfall "$pw" --by sales_agent --mode flow --from 2024-02-01 --to 2024-03-31 --json
contains "segments by value, flow counts" "Ann 0 2 1|Bob 0 1 1" "$(json '"|".join("%s %d %d %d" % (g["segment"], g["stages"][0]["reached"], g["stages"][1]["reached"], g["stages"][2]["reached"]) for g in d["segments"])')"
expect "period over period" 0 "$cli" waterfall "$pw" --from 2024-02-01 --to 2024-02-29 --json
contains "the previous period of equal length" "2024-01-03 2024-01-31 2 1" "$(json '"%s %s %d %d" % (d["previous"]["from"], d["previous"]["to"], d["previous"]["segments"][0]["stages"][0]["reached"], d["previous"]["segments"][0]["stages"][2]["reached"])')"
expect "bad --mode" 2 "$cli" waterfall "$pw" --mode funnel
expect "bad --from" 2 "$cli" waterfall "$pw" --from 2024-13-01
contains "names the bad date" "“2024-13-01”" "$err"
expect "--from after --to" 1 "$cli" waterfall "$pw" --from 2024-03-01 --to 2024-02-01
one_line "a backwards period: one line" "$err"
expect "unknown --by" 1 "$cli" waterfall "$pw" --by region
contains "names the field" "no column “region”" "$err"
expect "taxonomy --date maps a date column" 0 "$cli" taxonomy "$pw" --date Prospecting=engage_date --json
contains "the mapping is saved" "engage_date" "$(json 'd["mapping"]["dates"]["Prospecting"]')"
expect "--date of an unknown stage" 1 "$cli" taxonomy "$pw" --date Nurture=engage_date

# Formula injection: ids a spreadsheet would run are written as text
printf 'Lead ID,Title\n=1+1,CEO\n@SUM(A1),VP\nplain,CTO\n' > "$work/formula.csv"
"$cli" import "$work/f.tandem" "$work/formula.csv" >/dev/null
printf '{"name": "f", "fit": {"bands": [1], "rules": [{"field": "Title", "op": "equals", "value": "CEO", "points": 5}]}, "interest": {"bands": [1]}, "mql": ["A1"]}' > "$work/f.json"
expect "score --out" 0 "$cli" score "$work/f.tandem" --rules "$work/f.json" --out "$work/scores.csv"
contains "formulas neutralised" "\"'=1+1\",5.00,0.00,A2,0
\"'@SUM(A1)\",0.00,0.00,B2,0
plain,0.00,0.00,B2,0" "$(cat "$work/scores.csv")"

# The fullwidth forms and | too; a negative score stays a number
printf 'Lead ID,Title\n\xef\xbc\x9d1+1,CEO\n|calc,VP\n\xef\xbc\xa0x,CTO\nL-1,Intern\n' > "$work/formula2.csv"
"$cli" import "$work/f2.tandem" "$work/formula2.csv" >/dev/null
printf '{"name": "f", "fit": {"bands": [1], "rules": [{"field": "Title", "op": "equals", "value": "CEO", "points": 5}, {"field": "Title", "op": "equals", "value": "Intern", "points": -5}]}, "interest": {"bands": [1]}, "mql": ["A1"]}' > "$work/f2.json"
expect "score --out, fullwidth and pipe ids" 0 "$cli" score "$work/f2.tandem" --rules "$work/f2.json" --out "$work/scores2.csv"
contains "fullwidth and pipe formulas neutralised, scores as numbers" "\"'＝1+1\",5.00,0.00,A2,0
\"'|calc\",0.00,0.00,B2,0
\"'＠x\",0.00,0.00,B2,0
L-1,-5.00,0.00,B2,0" "$(cat "$work/scores2.csv")"

# Plan: the issue's worked example, $2,000,000 at $75,000 a deal, rates 10, 50, 60 and 20 %
rates=(--rate Inquiry:MQL=10 --rate mql:sal=50% --rate SAL:SQL=60 --rate sql:won=20)
expect "plan --json" 0 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --rounding ceil --pipeline 6000000 --cost-per inquiry=20 --json
contains "plan: the issue's keys" "True" "$(json '{"rounding","stages","deals","revenue","overall_conversion","coverage","cost"} <= set(d) and set(d["stages"][0]) >= {"name","exact","volume"} and set(d["coverage"]) >= {"required","current","pipeline_needed","gap"} and set(d["cost"]) >= {"budget","cac","roi"}')"
contains "plan: ceil at every stage" "4500 450 225 135 27" "$(json '" ".join("%g" % s["volume"] for s in d["stages"])')"
contains "plan: the exact values" "4444.44 444.444 222.222 133.333 26.6667" "$(json '" ".join("%g" % s["exact"] for s in d["stages"])')"
contains "plan: deals, revenue, conversion" "ceil 26.6667 27 2025000 0.006" "$(json '"%s %g %g %.0f %g" % (d["rounding"], d["deals"]["exact"], d["deals"]["volume"], d["revenue"], d["overall_conversion"])')"
contains "plan: coverage 5x, current 3x" "5 3 1e+07 4e+06" "$(json '"%g %g %g %g" % tuple(d["coverage"][k] for k in ("required", "current", "pipeline_needed", "gap"))')"
contains "plan: budget, CAC, ROI" "90000 3333.33 21.5" "$(json '"%g %g %g" % (d["cost"]["budget"], d["cost"]["cac"], d["cost"]["roi"])')"
expect "plan text" 0 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --currency USD
contains "plan: the arithmetic in words" '$2000000 ÷ $75000 = 26.7 deals
  26.7 ÷ 20 % close rate = 133.3 SQL' "$out"
expect "plan --forward" 0 "$cli" plan --forward --volume mql=500 --rate mql:sal=45 --rate sal:sql=60 --rate sql:won=21 --rounding round --json
contains "forward: volumes, no revenue, no coverage, no cost" "MQL:500 SAL:225 SQL:135 Won:28 None None None" "$(json '" ".join("%s:%g" % (s["name"], s["volume"]) for s in d["stages"]) + " %s %s %s" % (d["revenue"], d["coverage"], d["cost"])')"
expect "plan --target" 0 "$cli" plan --target won=100 "${rates[@]}" --json
contains "target: 100 wins need 16,667 inquiries" "16666.7 100" "$(json '"%g %g" % (d["stages"][0]["volume"], d["deals"]["volume"])')"
expect "plan --solve" 0 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --solve MQL:SAL --volume Inquiry=4000 --json
contains "goal seek: MQL→SAL 5/9" "0.5556 4000" "$(json '"%.4f %g" % (d["solve"]["rate"], d["stages"][0]["volume"])')"
expect "plan: a missing rate" 1 "$cli" plan --revenue 2000000 --deal-size 75000 --rate Inquiry:MQL=10 --rate SAL:SQL=60 --rate SQL:Won=20
contains "plan: the missing rate named" "tandem-cli: no rate from MQL to SAL (use --rate MQL:SAL=PCT)" "$err"
one_line "plan: one line" "$err"
expect "plan: an impossible rate" 1 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --rate mql:sal=140
contains "plan: the rate named" "rate MQL→SAL: 140 % is out of range (more than 0, up to 100 %)" "$err"
expect "plan: an unknown stage" 1 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --cost-per Lead=5
contains "plan: the stage named" "no stage named “Lead”" "$err"
expect "plan: a negative amount" 1 "$cli" plan --revenue -5 --deal-size 75000 "${rates[@]}"
expect "plan: no goal" 2 "$cli" plan "${rates[@]}"
expect "plan: not a number" 2 "$cli" plan --revenue lots --deal-size 75000 "${rates[@]}"

# Plan: every input bounded, refused quickly and by name; only plain decimal numbers
plan=("$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}")
expect "plan: a lag of 1e308 days" 1 timeout 10 "${plan[@]}" --lag=Inquiry:MQL=1e308
contains "plan: the lag named, with its range" "tandem-cli: lag Inquiry→MQL: 1e+308 days is out of range (0 to 3650 days)" "$err"
expect "plan: coverage 1e308" 1 timeout 10 "${plan[@]}" --coverage=1e308
contains "plan: the coverage named, with its range" "tandem-cli: coverage: 1e+308× is out of range (1 to 100×)" "$err"
expect "plan: a cost of 1e308" 1 timeout 10 "${plan[@]}" --cost-per=Inquiry=1e308
contains "plan: the cost named, with its range" "tandem-cli: cost per Inquiry: 1e+308 is out of range (0 to 1e+09)" "$err"
expect "plan: a number past double" 1 timeout 10 "${plan[@]}" --pipeline=1e400
contains "plan: the pipeline named" "tandem-cli: --pipeline: 1e400 is too large a number" "$err"
for v in 0x10 inf nan 1e5x " 5" "5 " "" "1,5" "1e"; do
  expect "plan: --revenue=“$v” is a usage mistake" 2 timeout 10 "$cli" plan --revenue="$v" --deal-size 75000 "${rates[@]}"
  contains "plan: --revenue=“$v” named" "tandem-cli: --revenue: “$v” is not a plain decimal number" "$err"
done
expect "plan: hex in a rate" 2 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --rate SQL:Won=0x10
contains "plan: the rate named" "tandem-cli: --rate SQL:Won: “0x10” is not a plain decimal number" "$err"
for o in "--rate PCT" "--lag DAYS"; do
  expect "plan: ${o% *} without =" 2 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" "${o% *}" SQL:Won
  contains "plan: ${o% *}'s form named" "tandem-cli: ${o% *} must be FROM:TO=${o#* }, not “SQL:Won”" "$err"
done
expect "plan: a lag in hex" 2 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --lag SQL:Won=0x10
contains "plan: the lag named" "tandem-cli: --lag SQL:Won: “0x10” is not a plain decimal number" "$err"
expect "plan: -0 is 0" 0 "${plan[@]}" --pipeline=-0
contains "plan: no -0 printed" "current 0.00×" "$out"
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
  expect "plan: a decimal point under de_DE" 0 env LC_ALL=de_DE.UTF-8 "$cli" plan --revenue 2000000.5 --deal-size 75000 "${rates[@]}" --json
  contains "plan: 2000000.5 read as such under de_DE" "2000000.5" "$(json 'd["revenue_goal"]')"
  expect "plan: a decimal comma under de_DE is a usage mistake" 2 env LC_ALL=de_DE.UTF-8 "$cli" plan --revenue 2000000,5 --deal-size 75000 "${rates[@]}"
fi
# A plan at the limits: every number finite, the JSON valid (no NaN, no Infinity, no 1e+308.0)
expect "plan: big but valid" 0 timeout 10 "$cli" plan --revenue 1e13 --deal-size 1e6 "${rates[@]}" --coverage 100 \
  --pipeline 1e13 --marketing-share 100 --cost-per Inquiry=1e5 --lag Inquiry:MQL=3650 --lag MQL:SAL=3650 \
  --lag SAL:SQL=3650 --lag SQL:Won=3650 --sdr 10000:1e6 --ae 10000:1e6 --period year --json
contains "plan: big but valid JSON" "valid 1e+15 492" "$(/usr/bin/python3 -c 'import json,sys
def bad(c): sys.exit("not JSON: " + c)
d = json.load(open(sys.argv[1]), parse_constant=bad)
print("valid %g %d" % (d["coverage"]["pipeline_needed"], len(d["schedule"])))' "$work/out")"
expect "plan: a tiny coverage, as JSON" 0 "$cli" plan --revenue 1e13 --deal-size 1e6 "${rates[@]}" --pipeline 1000 --json
contains "plan: 1e-10 written as JSON" "1e-10" "$(/usr/bin/python3 -c 'import json,sys; print("%.3g" % json.load(open(sys.argv[1]))["coverage"]["current"])' "$work/out")"
expect "plan: big but valid, text" 0 timeout 10 "$cli" plan --revenue 1e13 --deal-size 1e6 "${rates[@]}" --coverage 100 --cost-per Inquiry=1e5
if grep -qiwE -- '-?(nan|inf)' <<<"$out"; then fail "plan: no nan or inf printed" "$out"; else ok "plan: no nan or inf printed"; fi

# Scenarios saved in a workspace
expect "plan --save" 0 "$cli" plan "$ws" --save "Q1 plan" --revenue 2000000 --deal-size 75000 --rounding ceil "${rates[@]}" --json
contains "saved, and planned as it was" "4500" "$(json 'd["stages"][0]["volume"]')"
expect "plan --scenario" 0 "$cli" plan "$ws" --scenario "Q1 plan" --json
contains "the saved scenario plans the same" "4500 27" "$(json '"%d %d" % (d["stages"][0]["volume"], d["deals"]["volume"])')"
expect "plan an unknown scenario" 1 "$cli" plan "$ws" --scenario "Nope"
contains "names it" "no scenario named “Nope”" "$err"
expect "a scenario with other inputs" 2 "$cli" plan "$ws" --scenario "Q1 plan" --revenue 5
expect "--scenario without a workspace" 2 "$cli" plan --scenario "Q1 plan"
expect "a workspace with rates given: those, not the workspace's" 0 "$cli" plan "$ws" --revenue 2000000 --deal-size 75000 "${rates[@]}"
contains "given rates: no note of the workspace's" "0" "$(grep -c "Rates: from" <<<"$out" || true)"
expect "an impossible plan is not saved" 1 "$cli" plan "$ws" --save "Bad" --revenue -5 --deal-size 75000 "${rates[@]}"
expect "plan the bad one" 1 "$cli" plan "$ws" --scenario "Bad"
# On a copy: a damaged scenario would stop the charts below
cp "$ws" "$work/far.tandem"
/usr/bin/python3 - "$work/far.tandem" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
body = json.loads(db.execute("SELECT body FROM scenarios WHERE name = 'Q1 plan'").fetchone()[0])
body["lag_days"][0] = 1e308
db.execute("INSERT INTO scenarios (name, body, created_at, modified_at) VALUES ('Far', ?, datetime('now'), datetime('now'))",
           (json.dumps(body),))
db.commit()
PY
expect "a scenario holding a lag of 1e308 days" 1 timeout 10 "$cli" plan "$work/far.tandem" --scenario "Far"
contains "refused when read, the lag named" "“Far” in the workspace is damaged: lag_days[0]: 1e+308 is out of range" "$err"

# The workspace's currency: the locale's when new (C: USD), shown, set, carried by amounts and JSON
nbsp=$'\u00a0' nnbsp=$'\u202f'
cp "$ws" "$work/money.tandem"
money=$work/money.tandem
expect "currency" 0 "$cli" currency "$money"
contains "a new workspace takes the locale's" "USD" "$out"
expect "info shows the currency" 0 "$cli" info "$money"
contains "info: currency and symbol" "Currency:       USD (\$)" "$out"
expect "info --json has the currency" 0 "$cli" info "$money" --json
contains "info JSON currency" "USD" "$(json 'd["currency"]')"
expect "plan JSON says the currency" 0 "$cli" plan "$money" --scenario "Q1 plan" --json
contains "plan JSON: currency, plain numbers" "USD USD 2000000" "$(json '"%s %s %.0f" % (d["currency"], d["input"]["currency"], d["input"]["revenue"])')"
cp "$money" "$work/money-before.tandem"
for bad in eur EURO XXX '' "E'; DROP TABLE settings; --"; do
  expect "currency refuses “$bad”" 2 "$cli" currency "$money" "$bad"
done
contains "the refusal names ISO 4217" "is not an ISO 4217 currency code" "$err"
if cmp -s "$money" "$work/money-before.tandem"; then ok "a refused code leaves the file unchanged"; else fail "a refused code leaves the file unchanged"; fi
expect "currency of a missing workspace" 1 "$cli" currency "$work/none.tandem" EUR
expect "currency with too many arguments" 2 "$cli" currency "$money" EUR USD
expect "currency EUR" 0 "$cli" currency "$money" EUR
contains "set and printed" "EUR" "$out"
expect "currency --json" 0 "$cli" currency "$money" --json
contains "currency JSON" "EUR 2" "$(json '"%s %d" % (d["currency"], d["digits"])')"
expect "plan text in the workspace's currency" 0 "$cli" plan "$money" --scenario "Q1 plan"
contains "plan text: euros (C locale: no grouping)" "€2000000 ÷ €75000 = 26.7 deals" "$out"
expect "plan JSON: the scenario relabelled" 0 "$cli" plan "$money" --scenario "Q1 plan" --json
contains "plan JSON: EUR" "EUR EUR" "$(json '"%s %s" % (d["currency"], d["input"]["currency"])')"
expect "plan --currency other than the workspace's" 1 "$cli" plan "$money" --scenario "Q1 plan" --currency GBP
contains "no conversion" "are in EUR, not GBP" "$err"
expect "plan --currency not a code" 2 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --currency '$'
expect "plan --currency GBP, no workspace" 0 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" --currency GBP --json
contains "plan JSON: GBP" "GBP" "$(json 'd["currency"]')"
# A scenario whose body says another currency (written by something else) is not used
/usr/bin/python3 - "$money" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
body = json.loads(db.execute("SELECT body FROM scenarios WHERE name = 'Q1 plan'").fetchone()[0])
body["currency"] = "JPY"
db.execute("INSERT INTO scenarios (name, body, created_at, modified_at) VALUES ('Yen', ?, datetime('now'), datetime('now'))",
           (json.dumps(body),))
db.commit()
PY
expect "a scenario in another currency" 1 "$cli" plan "$money" --scenario "Yen"
contains "both currencies named" "“Yen” is in JPY but the workspace is in EUR" "$err"
# A hostile currency in the file: refused on opening, naming table and key, file unchanged
cp "$money" "$work/hostile-money.tandem"
/usr/bin/python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute(\"UPDATE settings SET value='EUR'' OR 1' WHERE key='currency'\"); db.commit()" "$work/hostile-money.tandem"
cp "$work/hostile-money.tandem" "$work/hostile-before.tandem"
expect "a hostile currency is refused" 1 "$cli" info "$work/hostile-money.tandem"
contains "names the table and key" "in its table “settings”, “currency” is “EUR' OR 1”" "$err"
expect "and cannot be set over when opened" 1 "$cli" currency "$work/hostile-money.tandem" USD
if cmp -s "$work/hostile-money.tandem" "$work/hostile-before.tandem"; then ok "the hostile file is left unchanged"; else fail "the hostile file is left unchanged"; fi
if "$cli" --help | grep -q "^  agreement" && command -v pdftotext >/dev/null; then
  expect "agreement in euros" 0 "$cli" agreement "$money" "$work/money.pdf"
  contains "the agreement's targets in euros" "€2000000 ÷ €75000 = 26.7 deals" "$(pdftotext "$work/money.pdf" - | tr "\n" " ")"
  contains "the agreement says the currency" "amounts in EUR" "$(pdftotext "$work/money.pdf" - | tr "\n" " ")"
fi
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
  out=$(LC_ALL=de_DE.UTF-8 "$cli" plan "$money" --scenario "Q1 plan" 2>&1)
  contains "de_DE: 2.000.000 €" "2.000.000${nbsp}€ ÷ 75.000${nbsp}€ = 26,7" "$out"
  out=$(LC_ALL=fr_FR.UTF-8 "$cli" plan "$money" --scenario "Q1 plan" 2>&1)
  contains "fr_FR: 2 000 000 €" "2${nnbsp}000${nnbsp}000${nbsp}€ ÷ 75${nnbsp}000${nbsp}€" "$out"
  out=$(LC_ALL=en_US.UTF-8 "$cli" plan --revenue 2000000 --deal-size 75000 "${rates[@]}" 2>&1)
  contains "en_US: the locale's currency, grouped" '$2,000,000 ÷ $75,000 = 26.7 deals' "$out"
  out=$(LC_ALL=de_DE.UTF-8 "$cli" plan "$money" --scenario "Q1 plan" --json 2>&1)
  contains "de_DE: JSON keeps plain numbers" '"revenue" : 2025000' "$out"
  new_de=$work/de.tandem
  LC_ALL=de_DE.UTF-8 "$cli" import "$new_de" "$fixtures/leads.csv" >/dev/null 2>&1
  contains "a workspace made under de_DE is in euros" "EUR" "$("$cli" currency "$new_de" 2>&1)"
elif [ -n "${TANDEM_REQUIRE_LOCALES:-}" ]; then
  fail "de_DE.UTF-8 is not installed"
fi

# The rates from the workspace's own funnel: the waterfall's conversions, all time
expect "waterfall for the actual rates" 0 "$cli" waterfall "$pw" --json
actual=$(json '" ".join("%g" % (b["reached"] / a["reached"]) for a, b in zip(d["segments"][0]["stages"], d["segments"][0]["stages"][1:]))')
expect "plan --actual-rates" 0 "$cli" plan "$pw" --actual-rates --target Won=10 --json
contains "the funnel's stages, the waterfall's rates" "Prospecting Engaging Won|$actual" "$(json '" ".join(s["name"] for s in d["stages"]) + "|" + " ".join("%g" % r for r in d["input"]["rates"])')"
expect "--actual-rates, then --rate" 0 "$cli" plan "$pw" --actual-rates --rate Engaging:Won=50 --target Won=10 --json
contains "--rate overrides the data" "${actual%% *} 0.5" "$(json '" ".join("%g" % r for r in d["input"]["rates"])')"
expect "--actual-rates with no stages saved: the ones the data has" 0 "$cli" plan "$ws" --actual-rates --target Won=10 --json
contains "the automatic stages and their rate" "Lead Won 0.4" "$(json '" ".join(d["input"]["stages"]) + " %g" % d["input"]["rates"][0]')"
expect "--actual-rates without a workspace" 2 "$cli" plan --actual-rates --target Won=10
expect "--actual-rates with --scenario" 2 "$cli" plan "$ws" --scenario "Q1 plan" --actual-rates

# Charts as files (when the build has cairo and Pango)
if "$cli" --help | grep -q "^  chart"; then
  expect "chart matrix" 0 "$cli" chart "$ws" matrix "$work/m.png" --as-of 2024-02-01
  contains "a PNG" "PNG" "$(head -c 4 "$work/m.png" | tail -c 3)"
  expect "chart waterfall with no stages saved" 0 "$cli" chart "$ow" waterfall "$work/auto-waterfall.png"
  contains "a PNG of the stages the data has" "PNG" "$(head -c 4 "$work/auto-waterfall.png" | tail -c 3)"
  expect "chart targets, projector, PDF" 0 "$cli" chart "$ws" targets "$work/t.pdf" --theme projector
  contains "a PDF" "%PDF" "$(head -c 4 "$work/t.pdf")"
  expect "chart sla, SVG" 0 "$cli" chart "$ws" sla "$work/s.svg"
  contains "an SVG" "<svg" "$(head -c 300 "$work/s.svg")"
  expect "chart an unknown chart" 2 "$cli" chart "$ws" pie "$work/p.png"
  expect "chart an unknown theme" 2 "$cli" chart "$ws" matrix "$work/p.png" --theme neon
  expect "chart a format it cannot write" 1 "$cli" chart "$ws" matrix "$work/p.bmp"
  contains "names the file" "“p.bmp”" "$err"
  if [ ! -e "$work/p.bmp" ] && [ ! -e "$work/p.png" ]; then ok "nothing written on refusal"; else fail "nothing written on refusal"; fi
fi

# Service level: terms kept in the workspace, refused when impossible
expect "sla --set" 0 "$cli" sla "$ws" --set --follow-up 2 --commitment 50 --json
contains "the terms are kept" "2.0 0" "$(json '"%s %d" % (d["follow_up_hours"], d["mqls"])')"
expect "sla impossible hours" 1 "$cli" sla "$ws" --set --hours 18-9
contains "says which" "working hours must start before they end" "$err"
expect "sla a day that is not one" 2 "$cli" sla "$ws" --set --weekdays mon,funday
contains "names it" "“funday” is not a day" "$err"
expect "sla a six-day week" 0 "$cli" sla "$ws" --set --weekdays mon,tue,wed,thu,fri,sat
expect "sla terms without --set" 2 "$cli" sla "$ws" --follow-up 3
expect "sla kept the good terms" 0 "$cli" sla "$ws" --json
contains "still 2 hours" "2.0" "$(json 'd["follow_up_hours"]')"
expect "sla rejection reason codes" 0 "$cli" sla "$ws" --set --reasons "No budget, Competitor,Duplicate" --json
contains "the codes are kept, trimmed" "No budget|Competitor|Duplicate" "$(json '"|".join(d["reason_codes"])')"
contains "every code is listed, used or not" "0" "$(json 'd["rejected_by_reason"]["Competitor"]')"
expect "sla a code given twice" 1 "$cli" sla "$ws" --set --reasons "No budget,no budget " --follow-up 7
contains "names it" "“no budget” is given twice" "$err"
expect "sla an empty code" 1 "$cli" sla "$ws" --set --reasons "No budget,,Competitor"
contains "says so" "a reason code is empty" "$err"
expect "sla refused terms change nothing" 0 "$cli" sla "$ws" --json
contains "still the three codes and 2 hours" "3 2.0" "$(json '"%d %s" % (len(d["reason_codes"]), d["follow_up_hours"])')"

# The agreement: every stage definition and every rule in its text
if "$cli" --help | grep -q "^  agreement"; then
  "$cli" taxonomy "$ws" --template classic >/dev/null
  "$cli" rules import "$ws" "$fixtures/model.json" --live --note "Fixture decision" >/dev/null
  expect "agreement" 0 "$cli" agreement "$ws" "$work/agreement.pdf"
  if command -v pdftotext >/dev/null; then
    pdftotext "$work/agreement.pdf" "$work/agreement.txt"
    "$cli" taxonomy "$ws" --json > "$work/out"
    missing=$(/usr/bin/python3 - "$work/agreement.txt" "$work/out" "$fixtures/model.json" <<'PY'
import json, re, sys
text = re.sub(r"\s+", " ", open(sys.argv[1]).read())
stages = json.load(open(sys.argv[2]))["stages"]
model = json.load(open(sys.argv[3]))
wanted = [s["definition"] for s in stages] + [r["label"] for d in ("fit", "interest") for r in model[d]["rules"] if "label" in r]
wanted += ["Decision log", "Fixture decision", "Service-level agreement", "Targets", "MQL when its cell in the matrix is one of: A1, A2, B1"]
print("; ".join(w for w in wanted if re.sub(r"\s+", " ", w) not in text))
PY
)
    if [ -z "$missing" ]; then ok "the agreement holds every definition, rule and section"; else fail "the agreement holds every definition, rule and section" "missing: $missing"; fi
  elif [ -n "${TANDEM_REQUIRE_LOCALES:-}" ]; then
    fail "pdftotext is not installed (poppler-utils)"
  fi
  contains "the agreement has the saved SLA terms" "within 2 working hours" "$(tr "\n" " " < "$work/agreement.txt")"
  contains "the agreement lists the reason codes" "Competitor" "$(tr "\n" " " < "$work/agreement.txt")"
  expect "agreement must be a PDF" 2 "$cli" agreement "$ws" "$work/agreement.png"
fi

# Files from elsewhere: a named pipe is refused at once, never waited on,
# and nothing is created for it
mkfifo "$work/pipe.csv" "$work/pipe.json"
expect "a named pipe as the CSV is refused" 1 timeout 10 "$cli" import "$work/fifo.tandem" "$work/pipe.csv"
contains "the pipe is named" "“pipe.csv” is not a regular file (a named pipe)" "$err"
if ! ls "$work"/fifo.tandem* >/dev/null 2>&1; then ok "nothing created for a pipe"; else fail "nothing created for a pipe" "$(ls "$work")"; fi
expect "a named pipe as the events file is refused" 1 timeout 10 "$cli" import "$ws" "$work/pipe.csv" --events
contains "the events pipe is named" "“pipe.csv” is not a regular file (a named pipe)" "$err"
expect "a named pipe as the model is refused" 1 timeout 10 "$cli" rules import "$ws" "$work/pipe.json"
contains "the model pipe is named" "“pipe.json” is not a regular file (a named pipe)" "$err"
expect "a named pipe as --rules is refused" 1 timeout 10 "$cli" score "$ws" --rules "$work/pipe.json"
contains "the --rules pipe is named" "“pipe.json” is not a regular file (a named pipe)" "$err"
expect "a named pipe as the workspace is refused" 1 timeout 10 "$cli" info "$work/pipe.csv"
contains "the workspace pipe is named" "“pipe.csv” is not a regular file (a named pipe)" "$err"
expect "a named pipe as the workspace of an import is refused" 1 timeout 10 "$cli" import "$work/pipe.csv" "$fixtures/leads.csv"
expect "a directory as the CSV is refused" 1 "$cli" import "$work/dir.tandem" "$work"
contains "the directory is named" "is not a regular file (a directory)" "$err"
if [ ! -e "$work/dir.tandem" ]; then ok "nothing created for a directory"; else fail "nothing created for a directory"; fi
printf 'Lead ID,Title\n' > "$work/header-only.csv"
expect "a CSV with no rows creates nothing" 1 "$cli" import "$work/empty.tandem" "$work/header-only.csv"
if ! ls "$work"/empty.tandem* >/dev/null 2>&1; then ok "nothing left by a header-only CSV"; else fail "nothing left by a header-only CSV" "$(ls "$work")"; fi

# A symbolic link to nothing as the workspace: said so, not "already exists"
ln -s "$work/nowhere/x.tandem" "$work/dangling.tandem"
expect "import to a dangling symlink" 1 "$cli" import "$work/dangling.tandem" "$fixtures/leads.csv"
contains "import: the dangling link is explained" "“dangling.tandem” is a symbolic link to “$work/nowhere/x.tandem”, a file that does not exist" "$err"
expect "demo to a dangling symlink" 1 "$cli" demo "$work/dangling.tandem" --leads 10
contains "demo: the dangling link is explained" "is a symbolic link to “$work/nowhere/x.tandem”, a file that does not exist" "$err"
expect "info on a dangling symlink" 1 "$cli" info "$work/dangling.tandem"
contains "info: the dangling link is explained" "is a symbolic link to “$work/nowhere/x.tandem”, which does not exist" "$err"
if [ -L "$work/dangling.tandem" ] && [ ! -e "$work/nowhere" ]; then ok "the dangling link is left alone"; else fail "the dangling link is left alone"; fi

# Reading a workspace leaves it byte for byte as it was: one in rollback-
# journal mode stays so, and no -wal or -shm file is left behind
ro=$work/readonly.tandem
"$cli" demo "$ro" --leads 300 --end 2024-06-30 >/dev/null
sqlite3 "$ro" "PRAGMA journal_mode = DELETE;" >/dev/null
lead=$(sqlite3 "$ro" "SELECT key FROM leads LIMIT 1")
sum=$(sha256sum < "$ro")
readonly_check () {
  local name=$1; shift
  expect "read-only: $name" 0 "$@"
  if [ "$(sha256sum < "$ro")" = "$sum" ] && [ ! -e "$ro-wal" ] && [ ! -e "$ro-shm" ] && [ ! -e "$ro-journal" ]; then
    ok "read-only: $name leaves the file unchanged"
  else
    fail "read-only: $name leaves the file unchanged" "$(ls -l "$work" | grep readonly)"
  fi
}
readonly_check "info" "$cli" info "$ro" --json
readonly_check "score" "$cli" score "$ro" --as-of 2024-06-30
readonly_check "score --rules" "$cli" score "$ro" --rules "$fixtures/model.json" --as-of 2024-06-30
readonly_check "explain" "$cli" explain "$ro" "$lead" --as-of 2024-06-30
readonly_check "matrix" "$cli" matrix "$ro" --as-of 2024-06-30 --json
readonly_check "insights" "$cli" insights "$ro" --as-of 2024-06-30
readonly_check "diff" "$cli" diff "$ro" "Default B2B" "Default B2B" --as-of 2024-06-30
readonly_check "sql" "$cli" sql "$ro"
readonly_check "rules export" "$cli" rules export "$ro"
readonly_check "rules list" "$cli" rules list "$ro"
readonly_check "taxonomy" "$cli" taxonomy "$ro" --json
readonly_check "waterfall" "$cli" waterfall "$ro"
readonly_check "plan --scenario" "$cli" plan "$ro" --scenario "Quarterly plan"
readonly_check "plan --actual-rates" "$cli" plan "$ro" --actual-rates --revenue 2000000 --deal-size 75000
readonly_check "sla" "$cli" sla "$ro" --json
if "$cli" --help | grep -q "^  chart"; then
  for chart in matrix waterfall targets sla; do
    readonly_check "chart $chart" "$cli" chart "$ro" $chart "$work/ro-$chart.png"
  done
  readonly_check "agreement" "$cli" agreement "$ro" "$work/ro-agreement.pdf"
fi
contains "still in rollback-journal mode" "delete" "$(sqlite3 "$ro" "PRAGMA journal_mode;")"
expect "a writing command still writes" 0 "$cli" sla "$ro" --set --follow-up 4
if [ "$(sha256sum < "$ro")" != "$sum" ]; then ok "sla --set changed the file"; else fail "sla --set changed the file"; fi

# suggest: a model from outcomes → rules import, round trip
sw=$work/suggest.tandem
expect "demo for suggest" 0 "$cli" demo "$sw" --leads 3000
expect "suggest --out" 0 "$cli" suggest "$sw" --out "$work/suggested.json" --seed 3 --max-rules 12
contains "suggest prints the back-test" "Back-test on the holdout" "$out"
contains "suggest compares with the live model" "live (Default B2B)" "$out"
contains "suggest names the leaky columns" "Amount: possible leakage" "$out"
expect "rules import reads the suggestion" 0 "$cli" rules import "$sw" "$work/suggested.json" --name "From outcomes"
expect "rules export of it" 0 "$cli" rules export "$sw" --model "From outcomes"
contains "the imported model keeps its rules" "True" "$(/usr/bin/python3 -c "import json; a=json.load(open('$work/suggested.json')); b=json.loads(open('$work/out').read()); print(a[\"fit\"] == b[\"fit\"] and a[\"interest\"] == b[\"interest\"] and a[\"mql\"] == b[\"mql\"])")"
expect "the same seed, the same model" 0 "$cli" suggest "$sw" --out "$work/again.json" --seed 3 --max-rules 12
if cmp -s "$work/suggested.json" "$work/again.json"; then ok "byte for byte"; else fail "byte for byte" "$(diff "$work/suggested.json" "$work/again.json" | head -5)"; fi
expect "suggest --name stores it" 0 "$cli" suggest "$sw" --name "Stored suggestion" --seed 3 --max-rules 12
expect "score with the stored suggestion" 0 "$cli" score "$sw" --model "Stored suggestion"
expect "suggest --json" 0 "$cli" suggest "$sw" --json --max-rules 5 --exclude "Web Visits"
contains "json: at most 5 rules" "True" "$(json 'len(d["rules"]) <= 5')"
contains "json: the excluded column" "user" "$(json '[x["kind"] for x in d["excluded"] if x["column"] == "Web Visits"][0]')"
contains "json: both back-tests" "True" "$(json 'd["backtest"]["suggested"]["auc"] > 0.5 and d["backtest"]["live"] is not None')"
expect "suggest --holdout 1" 2 "$cli" suggest "$sw" --holdout 1
contains "holdout message" "--holdout must be between 0 and 1" "$err"
expect "suggest --max-rules 0" 2 "$cli" suggest "$sw" --max-rules 0
expect "suggest unknown outcome" 1 "$cli" suggest "$sw" --outcome "Shoe Size"
contains "unknown outcome named" "“Shoe Size”" "$err"
one_line "unknown outcome in one line" "$err"
expect "suggest outcome not yes/no" 1 "$cli" suggest "$sw" --outcome Country
contains "not an outcome" "does not hold outcomes" "$err"
expect "suggest unknown include" 1 "$cli" suggest "$sw" --include "Shoe Size"
expect "suggest without an outcome" 1 "$cli" suggest "$ws"
contains "too few outcomes" "Too few outcomes" "$err"

# The plan last: the number of checks is counted, not kept by hand
echo "1..$n"
exit $((failed > 0))
