#!/bin/sh
# cache_twice.sh: run a plan-tools binary twice on one result cache, the
# first time to fill it and the second to read it, and fail unless both runs
# print the same, byte for byte, and end with the same status. What the
# second run printed is then passed on as this script's, so a case runner
# compares it with its expected files as it would compare one run: the test
# that the cache changes nothing (issue #16).
#
# Usage: cache_twice.sh BINARY [ARGS...]
#
# The cache is whatever the environment gives the binary (--cache, or
# XDG_CACHE_HOME, or HOME): the runners give each case a fresh one, so the
# first run is cold. Standard input is read once and given to both runs.
# Exit status: the second run's, or 125 when the two runs differ.
# tests/cache_wrap.sh makes a directory of such wrappers for a runner.
set -eu

[ "$#" -ge 1 ] || {
	printf 'usage: cache_twice.sh BINARY [ARGS...]\n' >&2
	exit 2
}
binary=$1
shift

t=$(mktemp -d "${TMPDIR:-/tmp}/plan-cache-twice.XXXXXX") || exit 2
trap 'rm -rf "$t"' EXIT
trap 'exit 1' HUP INT TERM
cat >"$t/stdin"

status1=0
"$binary" "$@" <"$t/stdin" >"$t/out1" 2>"$t/err1" || status1=$?
status2=0
"$binary" "$@" <"$t/stdin" >"$t/out2" 2>"$t/err2" || status2=$?

same=1
if ! cmp -s "$t/out1" "$t/out2"; then
	printf 'cache_twice.sh: FAIL: stdout of the warm run differs from the cold run (%s):\n' \
		"$binary" >&2
	diff -u "$t/out1" "$t/out2" >&2 || true
	same=0
fi
if ! cmp -s "$t/err1" "$t/err2"; then
	printf 'cache_twice.sh: FAIL: stderr of the warm run differs from the cold run (%s):\n' \
		"$binary" >&2
	diff -u "$t/err1" "$t/err2" >&2 || true
	same=0
fi
if [ "$status1" != "$status2" ]; then
	printf 'cache_twice.sh: FAIL: exit status %s cold, %s warm (%s)\n' "$status1" "$status2" \
		"$binary" >&2
	same=0
fi
cat "$t/out2"
cat "$t/err2" >&2
[ "$same" = 1 ] || exit 125
exit "$status2"
