#!/usr/bin/env bash
# Shared by run.sh and test.sh: installs what a fresh Debian 12 machine is
# missing (as root, or through sudo), then configures and builds Tandem.
#   BUILD_DIR (default: build)   MESON_ARGS (extra `meson setup` options)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

packages=(
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev liblinear-dev
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

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
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
