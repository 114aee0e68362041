#!/bin/sh
# output-inside.sh: -o inside the plan set writes any file the set does not
# read (a SARIF file at the root, as CI writes it; a report in a folder), and
# refuses a *.yaml or *.yml file, which would become part of the set.
#
# Usage: output-inside.sh PLAN_VALIDATE PLAN_SET
set -eu
[ "$#" -eq 2 ] || { echo "usage: $0 PLAN_VALIDATE PLAN_SET" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "output-inside.sh: FAIL: $*" >&2; exit 1; }
cp -R "$2" "$work/set"
cd "$work/set"

"$1" --format sarif -o plan-validate.sarif || fail "-o plan-validate.sarif at the root: exit $?"
[ -s plan-validate.sarif ] || fail "plan-validate.sarif was not written"
"$1" -o planer/rapport.md || fail "-o planer/rapport.md: exit $?"
[ -s planer/rapport.md ] || fail "planer/rapport.md was not written"
# What was written changes nothing the next run reads.
"$1" >"$work/again.txt" || fail "the set no longer validates after the writes"

for name in out.yaml planer/out.yml; do
	status=0
	"$1" -o "$name" 2>"$work/err" || status=$?
	[ "$status" -eq 2 ] || fail "-o $name: exit $status, not 2"
	grep -F "would become part of it" "$work/err" >/dev/null || fail "-o $name: $(cat "$work/err")"
	[ ! -e "$name" ] || fail "-o $name created the file"
done
echo "output-inside.sh: ok"
