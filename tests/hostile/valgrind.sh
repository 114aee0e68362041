#!/bin/sh
# valgrind.sh: the end-to-end runs of plan-validate and plan-link under
# valgrind's memcheck: no invalid access, no use of uninitialised memory,
# nothing definitely lost. The binaries' own exit statuses (0, 1, 2) are
# fine; memcheck's (99) or a crash fails the test.
#
# Usage: valgrind.sh VALIDATE LINK TESTS_DIR SANITIZED
#
#   VALIDATE, LINK  the plan-validate and plan-link binaries
#   TESTS_DIR       the source tests/ directory (its plan sets are used)
#   SANITIZED       1 when the build uses a sanitizer: valgrind and ASan do
#                   not mix, so the test is skipped (exit 77)
#
# VALGRIND names the valgrind to run (default: valgrind on the PATH).
set -eu

me=valgrind.sh
[ "$#" -eq 4 ] || {
	printf 'usage: %s VALIDATE LINK TESTS_DIR SANITIZED\n' "$0" >&2
	exit 2
}
validate=$1
link=$2
tests=$3
if [ "$4" = 1 ]; then
	printf '%s: SKIP: this build uses sanitizers, which valgrind cannot run with; build without PLAN_SANITIZE and run ctest -L valgrind there\n' "$me"
	exit 77
fi
valgrind=${VALGRIND:-valgrind}
if ! command -v "$valgrind" >/dev/null 2>&1; then
	printf '%s: SKIP: valgrind is not installed (Debian: apt-get install valgrind)\n' "$me"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plan-valgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

failures=0
runs=0
# check DIR BINARY ARGS...: one run in DIR; its output goes to a file.
check() {
	dir=$1
	shift
	runs=$((runs + 1))
	status=0
	(cd "$dir" && exec "$valgrind" -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--log-file="$tmp/log" "$@") >"$tmp/out" 2>&1 || status=$?
	case "$status" in
	0 | 1 | 2) ;;
	*)
		failures=$((failures + 1))
		printf '%s: FAIL (status %s): (cd %s &&' "$me" "$status" "$dir" >&2
		for arg in "$@"; do printf " '%s'" "$arg" >&2; done
		printf ')\n' >&2
		cat "$tmp/log" >&2
		;;
	esac
}

sets=$tests/e2e/sets
base=$tests/rules/base
links=$tests/link/sets/links
# plan-validate: every format, threads, a subdirectory, -o.
check "$sets/valid" "$validate"
check "$sets/broken" "$validate" -j 2
check "$sets/broken" "$validate" --format json
check "$sets/broken" "$validate" --format sarif
check "$sets/broken" "$validate" --format github -j 1
check "$sets/broken" "$validate" --format gitlab
check "$sets/broken" "$validate" --format junit
check "$sets/broken" "$validate" --format tap --strict
check "$sets/overrides" "$validate" --strict
check "$sets/ignored" "$validate"
check "$sets/valid/planer/bun" "$validate" -o "$tmp/result.txt"
check "$base" "$validate" --strict
check "$links" "$validate"
# plan-link: every command.
check "$links" "$link" trace EKB-A1 EKB-A5 KF-5
check "$links" "$link" tree
check "$links" "$link" tree --format json
check "$links" "$link" orphans
check "$links" "$link" matrix --format csv
check "$links" "$link" graph
check "$links" "$link" graph --format mermaid --from BUN-1
check "$base" "$link" graph --format json

if [ "$failures" -gt 0 ]; then
	printf '%s: %d of %d runs failed under memcheck\n' "$me" "$failures" "$runs" >&2
	exit 1
fi
printf '%s: %d runs clean under memcheck\n' "$me" "$runs"
exit 0
