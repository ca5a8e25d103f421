#!/usr/bin/env bash
# run-fuzzer.sh HARNESS SEED_DIR [LIBFUZZER_OPTION]...: fuzzes for
# FUZZ_SECONDS (default 60) into a scratch corpus, never writing into the
# source tree; a crash fails.  A dictionary named after the harness beside
# the seeds (tests/fuzz/fuzz-plan.dict for fuzz-plan) is used when there.
set -euo pipefail
harness=$1 seeds=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
# Undefined behaviour (a float converted past an int's range…) is a crash too
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
dict=$(dirname "$seeds")/$(basename "$harness").dict
if [ -f "$dict" ]; then set -- "-dict=$dict" "$@"; fi
"$harness" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=65536 -timeout=20 \
  -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 "$@" "$work/corpus" "$seeds" 2>&1 | tail -n 15
