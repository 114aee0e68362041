#!/bin/sh
# concurrent.sh: runs at once on one result cache. Several plan-validate runs
# start together on an empty cache (all of them writing the same entries),
# then together again on the filled one, then while entries are being
# spoilt; every run must print exactly what a run without the cache prints.
#
# Usage: concurrent.sh PLAN_VALIDATE SET
set -eu

[ "$#" -eq 2 ] || {
	printf 'usage: concurrent.sh PLAN_VALIDATE SET\n' >&2
	exit 2
}
validate=$1
set_dir=$2
runs=4

fail() {
	printf 'cache/concurrent.sh: FAIL: %s\n' "$*" >&2
	exit 1
}

t=$(mktemp -d "${TMPDIR:-/tmp}/plan-cache-concurrent.XXXXXX") || exit 2
trap 'rm -rf "$t"' EXIT
trap 'exit 1' HUP INT TERM
unset PLAN_LANG LC_ALL LC_MESSAGES LANG

status=0
"$validate" --no-cache --format json "$set_dir" >"$t/expected" 2>"$t/expected.err" </dev/null ||
	status=$?
echo "$status" >"$t/expected.status"

# round NAME: $runs runs at once, each checked against the run without cache.
round() {
	i=0
	pids=
	while [ "$i" -lt "$runs" ]; do
		(
			s=0
			"$validate" --cache "$t/cache" -j 2 --format json "$set_dir" \
				>"$t/out.$i" 2>"$t/err.$i" </dev/null || s=$?
			echo "$s" >"$t/status.$i"
		) &
		pids="$pids $!"
		i=$((i + 1))
	done
	for pid in $pids; do
		wait "$pid"
	done
	i=0
	while [ "$i" -lt "$runs" ]; do
		cmp -s "$t/expected" "$t/out.$i" ||
			{ diff -u "$t/expected" "$t/out.$i" >&2 || true; fail "$1: run $i printed otherwise"; }
		cmp -s "$t/expected.err" "$t/err.$i" || fail "$1: run $i wrote otherwise to stderr"
		cmp -s "$t/expected.status" "$t/status.$i" ||
			fail "$1: run $i ended with status $(cat "$t/status.$i"), not $(cat "$t/expected.status")"
		i=$((i + 1))
	done
}

round cold
[ -n "$(find "$t/cache" -type f ! -name '.tmp-*' ! -name trimmed)" ] || fail "no entry was kept"
find "$t/cache" -name '.tmp-*' | grep . >/dev/null && fail "temporary files were left behind"
round warm
# Spoil the entries while the runs read them, over and over.
(
	n=0
	while [ "$n" -lt 200 ]; do
		for f in $(find "$t/cache" -type f ! -name '.tmp-*' ! -name trimmed); do
			printf 'spoilt' | dd of="$f" bs=1 seek=50 conv=notrunc 2>/dev/null || true
		done
		n=$((n + 1))
	done
) &
spoiler=$!
round spoilt
kill "$spoiler" 2>/dev/null || true
wait "$spoiler" 2>/dev/null || true
exit 0
