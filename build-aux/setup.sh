#!/usr/bin/env bash
# Shared by run.sh and test.sh: installs what a fresh Debian 12 machine is
# missing (as root, or through sudo), then configures and builds Tandem.
#   BUILD_DIR (default: build)   MESON_ARGS (extra `meson setup` options)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

packages=(
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev liblinear-dev libzstd-dev
  desktop-file-utils appstream-util yelp-tools itstool librsvg2-bin librsvg2-common sqlite3 python3 postgresql
  xvfb xauth dbus dbus-x11 fonts-cantarell
)
# test.sh adds what only the tests need (clang for the fuzzers, locales…)
# shellcheck disable=SC2206
packages+=(${EXTRA_PACKAGES:-})

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Packages only some tests use (OPTIONAL_PACKAGES, "package:command"):
# skipped when the command is already there from elsewhere (Node.js from
# NodeSource brings its own npm, which Debian's npm package conflicts
# with), and a failed install only warns — those tests then skip
optional=()
# shellcheck disable=SC2206
for spec in ${OPTIONAL_PACKAGES:-}; do
  p=${spec%%:*}
  cmd=${spec#*:}
  command -v "$cmd" >/dev/null 2>&1 && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || optional+=("$p")
done

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ] || [ ${#optional[@]} -gt 0 ]; then
  $sudo apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
if [ ${#optional[@]} -gt 0 ]; then
  echo "Installing (optional): ${optional[*]}"
  $sudo apt-get install -y -qq --no-install-recommends "${optional[@]}" </dev/null ||
    echo "warning: could not install ${optional[*]}; the tests that need them skip" >&2
fi

# Locales the tests parse numbers and dates under (a decimal comma)
if [ -n "${WANT_LOCALES:-}" ] && [ -f /etc/locale.gen ]; then
  need_gen=0
  for l in $WANT_LOCALES; do
    locale -a 2>/dev/null | grep -qix "$(echo "$l" | sed 's/UTF-8/utf8/')" || need_gen=1
  done
  if [ $need_gen -eq 1 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    for l in $WANT_LOCALES; do
      $sudo sed -i "s/^# *\($l UTF-8\)/\1/" /etc/locale.gen
      grep -q "^$l UTF-8" /etc/locale.gen || echo "$l UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
    done
    $sudo locale-gen >/dev/null
  fi
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  # shellcheck disable=SC2086
  meson setup "$build_dir" "$top" ${MESON_ARGS:-}
elif [ -n "${MESON_ARGS:-}" ]; then
  # shellcheck disable=SC2086
  meson configure "$build_dir" ${MESON_ARGS}
fi
meson compile -C "$build_dir"
