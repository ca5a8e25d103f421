#!/usr/bin/env bash
# tandem-cli speaks a language: runs the commands listed in
# tests/translations/LANG.txt under that language, with the catalogues the
# build made (build/po/LANG/LC_MESSAGES), and looks for the phrases there.
#   test-translation.sh PATH/TO/tandem-cli LOCALEDIR LANG PHRASES_FILE
# The phrase file: "locale NAME" once, then one check a line,
#   EXIT<TAB>ARGUMENTS<TAB>PHRASE
# where @WS@ in the arguments is a small demo workspace and @WORK@ a
# scratch directory (holding foreign.tandem, a file that is no workspace).
set -u
cli=$1 localedir=$2 lang=$3 phrases=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0 failed=0

ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
finish () { echo "1..$n"; [ "$failed" -eq 0 ]; exit; }

if [ ! -f "$phrases" ]; then
  fail "phrases for “$lang”" "po/LINGUAS lists $lang but $phrases is missing: add the locale and a few commands with a phrase each"
  finish
fi
locale=$(sed -n 's/^locale[[:space:]]\{1,\}//p' "$phrases" | head -n 1)
if [ -z "$locale" ]; then
  fail "phrases for “$lang”" "$phrases names no locale (a line “locale xx_YY.UTF-8”)"
  finish
fi
# setlocale fails quietly in tandem-cli; locale(1) says so on stderr
if [ -n "$(LC_ALL=$locale locale 2>&1 >/dev/null)" ]; then
  if [ -n "${TANDEM_REQUIRE_LOCALES:-}" ]; then
    fail "$locale is generated" "the locale $locale is not installed (locale-gen)"
    finish
  fi
  echo "1..0 # SKIP the locale $locale is not generated (set TANDEM_REQUIRE_LOCALES to fail instead)"
  exit 0
fi
if [ -f "$localedir/$lang/LC_MESSAGES/tandem.mo" ]; then ok "$lang catalogue built"; else fail "$lang catalogue built" "no $localedir/$lang/LC_MESSAGES/tandem.mo"; finish; fi

echo hello > "$work/foreign.tandem"
ws=$work/demo.tandem
if grep -q '@WS@' "$phrases"; then
  if LC_ALL=C.UTF-8 "$cli" demo "$ws" --leads 300 >/dev/null 2>"$work/err"; then ok "demo workspace"; else fail "demo workspace" "$(cat "$work/err")"; finish; fi
fi

while IFS=$'\t' read -r code args phrase; do
  case $code in ''|'#'*|locale*) continue ;; esac
  args=${args//@WS@/$ws}
  args=${args//@WORK@/$work}
  # shellcheck disable=SC2086 # the arguments are words
  out=$(LC_ALL=$locale LANGUAGE=$lang TANDEM_LOCALEDIR=$localedir "$cli" $args 2>&1); got=$?
  # shellcheck disable=SC2086
  english=$(LC_ALL=C.UTF-8 LANGUAGE= "$cli" $args 2>&1)
  name="$lang: tandem-cli ${args//$work\//}"
  if [ "$got" -ne "$code" ]; then
    fail "$name" "exit $got, wanted $code" "output: $out"
  elif ! grep -qF -- "$phrase" <<<"$out"; then
    fail "$name" "wanted: $phrase" "got: $out"
  elif grep -qF -- "$phrase" <<<"$english"; then
    fail "$name" "“$phrase” is in the English output too, so it proves nothing"
  else
    ok "$name"
  fi
done < "$phrases"
finish
