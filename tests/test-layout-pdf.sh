#!/usr/bin/env bash
# Words never sit on words: the agreement and the exported charts, as PDFs,
# on the demo and on workspaces shaped like a sales-pipeline export and a
# marketing-funnel export (MQLs merged with their deals), checked word by
# word with pdftotext -bbox.
#   test-layout-pdf.sh PATH/TO/tandem-cli PATH/TO/pdf-words.py
set -u
cli=$1 checker=$2
if ! command -v pdftotext >/dev/null; then
  echo "1..0 # SKIP pdftotext is not installed (Debian: poppler-utils)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0 failed=0
ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }
run ()  { local name=$1; shift; if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi; }

# The demo
"$cli" demo "$work/demo.tandem" --leads 3000 >/dev/null || { echo "Bail out! demo"; exit 1; }

# A sales pipeline: opportunities with a stage, dates and amounts
awk 'BEGIN { srand(7); print "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value";
  split("Prospecting Engaging Won Lost", st, " ");
  for (i = 1; i <= 400; i++) { s = st[1 + int(rand() * 4)]; d = 1 + int(rand() * 28); m = 1 + int(rand() * 11);
    ed = (s == "Prospecting") ? "" : sprintf("2024-%02d-%02d", m, d);
    cd = (s == "Won" || s == "Lost") ? sprintf("2024-%02d-%02d", m + 1, d) : "";
    v = (s == "Won") ? 500 + int(rand() * 30000) : (s == "Lost" ? 0 : "");
    printf "O%05d,Agent %d,GTX Pro,Account %d,%s,%s,%s,%s\n", i, i % 9, i % 37, s, ed, cd, v } }' > "$work/pipeline.csv"
run "pipeline-shaped import" "$cli" import "$work/pipeline.tandem" "$work/pipeline.csv"

# Marketing-qualified leads and the deals some of them closed
awk 'BEGIN { srand(11); print "mql_id,first_contact_date,landing_page_id,origin";
  split("organic_search paid_search social direct_traffic email referral unknown", o, " ");
  for (i = 1; i <= 500; i++) printf "m%04d,2018-%02d-%02d,lp%d,%s\n", i, 1 + i % 12, 1 + i % 28, i % 23, o[1 + i % 7] }' > "$work/mqls.csv"
awk 'BEGIN { srand(13); print "mql_id,won_date,business_segment,lead_type,has_company,declared_monthly_revenue";
  for (i = 1; i <= 500; i += 7) printf "m%04d,2018-%02d-%02d 10:00:00,home_decor,online_medium,%s,%d\n", i, 1 + (i + 2) % 12, 1 + i % 28, i % 2 ? "True" : "", int(rand() * 100000) }' > "$work/deals.csv"
run "funnel-shaped import" "$cli" import "$work/olist.tandem" "$work/mqls.csv"
run "funnel-shaped merge" "$cli" import "$work/olist.tandem" "$work/deals.csv" --merge

pdfs=()
for ws in demo pipeline olist; do
  [ -f "$work/$ws.tandem" ] || continue
  run "$ws: agreement" "$cli" agreement "$work/$ws.tandem" "$work/$ws-agreement.pdf"
  pdfs+=("$work/$ws-agreement.pdf")
done
for size in 1280x720 800x600 640x400; do
  for chart in matrix waterfall; do
    for theme in light projector; do
      pdf="$work/demo-$chart-$size-$theme.pdf"
      run "demo: $chart at $size, $theme" "$cli" chart "$work/demo.tandem" "$chart" "$pdf" \
        --width "${size%x*}" --height "${size#*x}" --theme "$theme"
      pdfs+=("$pdf")
    done
  done
done

for pdf in "${pdfs[@]}"; do
  [ -f "$pdf" ] || continue
  if out=$(/usr/bin/python3 "$checker" "$pdf" 2>&1); then ok "no word on a word: $(basename "$pdf")"
  else fail "no word on a word: $(basename "$pdf")" "$out"; fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
