#!/bin/sh
# output-mode.sh: a file written with -o gets the mode a shell redirection
# would give it (0666 less the umask), and a replaced file keeps its mode.
#
# Usage: output-mode.sh PLAN_VALIDATE PLAN_SET
set -eu
[ "$#" -eq 2 ] || { echo "usage: $0 PLAN_VALIDATE PLAN_SET" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "output-mode.sh: FAIL: $*" >&2; exit 1; }
mode() { stat -c %a "$1"; }

umask 022
"$1" --format json -o "$work/report.json" "$2" || [ "$?" -eq 1 ]
[ "$(mode "$work/report.json")" = 644 ] || fail "new file under umask 022 is $(mode "$work/report.json"), not 644"
umask 002
rm "$work/report.json"
"$1" --format json -o "$work/report.json" "$2" || [ "$?" -eq 1 ]
[ "$(mode "$work/report.json")" = 664 ] || fail "new file under umask 002 is $(mode "$work/report.json"), not 664"
chmod 640 "$work/report.json"
"$1" --format json -o "$work/report.json" "$2" || [ "$?" -eq 1 ]
[ "$(mode "$work/report.json")" = 640 ] || fail "a replaced file's mode 640 became $(mode "$work/report.json")"
echo "output-mode.sh: ok"
