#!/usr/bin/env bash
# Quick start: install what is missing, build, and launch Tandem on its
# built-in demo workspace (generated on first launch).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$top/build-aux/setup.sh"

# Run from the build tree: its compiled GSettings schema, its binary.
export GSETTINGS_SCHEMA_DIR="${BUILD_DIR:-$top/build}/data"
exec "${BUILD_DIR:-$top/build}/src/ui/tandem" "$@"
