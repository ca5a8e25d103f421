#!/usr/bin/env bash
# run-fuzzer.sh HARNESS SEED_DIR: fuzzes for FUZZ_SECONDS (default 60) into
# a scratch corpus, never writing into the source tree; a crash fails.
# NAME.dict beside SEED_DIR (corpus-NAME) is passed as the dictionary.
set -euo pipefail
harness=$1 seeds=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
# A libFuzzer dictionary beside the seeds: corpus-model/ → model.dict
dict=()
name=$(basename "$seeds")
if [ -f "$(dirname "$seeds")/${name#corpus-}.dict" ]; then
  dict=(-dict="$(dirname "$seeds")/${name#corpus-}.dict")
fi
"$harness" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=65536 -timeout=20 \
  -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 "${dict[@]}" "$work/corpus" "$seeds" 2>&1 | tail -n 15
