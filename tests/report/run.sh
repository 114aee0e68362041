#!/bin/sh
# run.sh: run one end-to-end case of plan-report and compare it with what is
# expected.
#
# Usage: run.sh BINARY WORKDIR EXPECTED EXPECTED_EXIT [ARGS...]
#
#   BINARY         the binary to run (made absolute before the cd)
#   WORKDIR        the directory to run it in
#   EXPECTED       the file stdout must equal, or '-' to skip the comparison
#   EXPECTED_EXIT  the exit status it must return
#
# Before comparing, the real path of the plan sets (tests/report/sets, or
# $REPORT_SETS), raw and JSON-escaped, becomes the literal <SETS>, so that
# expected files hold no machine's absolute paths.
#
# The environment is made reproducible: COLUMNS and NO_COLOR are unset.
#
# Optional environment:
#   EXPECT_STDERR_FILE  the file stderr must equal (after the same rewriting)
#   EXPECT_STDERR_GREP  a fixed string stderr must contain
#                       (with neither, stderr is not checked)
#   EXPECT_STDOUT_GREP  a fixed string stdout must contain
#   REPORT_OUTPUT_FILE  compare this file (the -o target the case passes)
#                       with EXPECTED instead of stdout, which must be empty
#   REPORT_ABSENT_FILE  this file must not exist after the run
set -eu

me=$(basename "$0")
fail() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	exit 1
}

[ "$#" -ge 4 ] || {
	printf 'usage: %s BINARY WORKDIR EXPECTED EXPECTED_EXIT [ARGS...]\n' "$me" >&2
	exit 2
}
binary=$1
workdir=$2
expected=$3
expected_exit=$4
shift 4

absolute() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd -P)" "$1" ;;
	esac
}
binary=$(absolute "$binary")
[ "$expected" = - ] || expected=$(absolute "$expected")
[ -x "$binary" ] || fail "no executable binary at '$binary'"
[ "$expected" = - ] || [ -f "$expected" ] || fail "no expected file '$expected'"
[ -d "$workdir" ] || fail "no work directory '$workdir'"
if [ -n "${EXPECT_STDERR_FILE:-}" ]; then
	EXPECT_STDERR_FILE=$(absolute "$EXPECT_STDERR_FILE")
	[ -f "$EXPECT_STDERR_FILE" ] || fail "no expected stderr file '$EXPECT_STDERR_FILE'"
fi

script_dir=$(cd "$(dirname "$0")" && pwd -P)
sets=$(cd "${REPORT_SETS:-$script_dir/sets}" && pwd -P)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plan-report-test.XXXXXX") || fail "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

if [ -n "${REPORT_OUTPUT_FILE:-}" ]; then
	REPORT_OUTPUT_FILE=$(absolute "$REPORT_OUTPUT_FILE")
	printf 'stale content that the run must replace\n' >"$REPORT_OUTPUT_FILE"
fi
if [ -n "${REPORT_ABSENT_FILE:-}" ]; then
	REPORT_ABSENT_FILE=$(absolute "$REPORT_ABSENT_FILE")
	rm -f "$REPORT_ABSENT_FILE"
fi

status=0
(cd "$workdir" && unset COLUMNS NO_COLOR && exec "$binary" "$@") \
	>"$tmp/stdout" 2>"$tmp/stderr" </dev/null || status=$?

# The sets path, literally (no regular expressions), raw and JSON-escaped.
normalise() {
	REPORT_FROM=$sets LC_ALL=C awk '
	function literal(line, from, to,    out, i) {
		if (from == "")
			return line
		out = ""
		while ((i = index(line, from)) > 0) {
			out = out substr(line, 1, i - 1) to
			line = substr(line, i + length(from))
		}
		return out line
	}
	BEGIN {
		from = ENVIRON["REPORT_FROM"]
		json = literal(literal(from, "\\", "\\\\"), "\"", "\\\"")
	}
	{
		line = literal($0, from, "<SETS>")
		if (json != from)
			line = literal(line, json, "<SETS>")
		print line
	}' "$1"
}

problems=0
problem() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	problems=$((problems + 1))
}

actual_source=$tmp/stdout
if [ -n "${REPORT_OUTPUT_FILE:-}" ]; then
	actual_source=$REPORT_OUTPUT_FILE
	[ -s "$tmp/stdout" ] && problem "stdout is not empty although the result went to -o"
	[ -f "$REPORT_OUTPUT_FILE" ] || problem "the -o file '$REPORT_OUTPUT_FILE' was not written"
fi

if [ "$expected" != - ] && [ -f "$actual_source" ]; then
	normalise "$actual_source" >"$tmp/actual"
	if [ -s "$actual_source" ] && [ -n "$(tail -c 1 "$actual_source")" ]; then
		problem "the output does not end with a newline"
	fi
	# REPORT_BLESS=1 rewrites the expected file from the run: read the diff
	# (git diff) before keeping it.
	if [ -n "${REPORT_BLESS:-}" ]; then
		cp "$tmp/actual" "$expected"
	fi
	if ! diff -u "$expected" "$tmp/actual" >"$tmp/diff"; then
		problem "output differs from $expected (--- expected, +++ actual):"
		cat "$tmp/diff" >&2
	fi
fi

if [ "$status" != "$expected_exit" ]; then
	problem "exit status $status, expected $expected_exit"
fi

if [ -n "${EXPECT_STDERR_FILE:-}" ]; then
	normalise "$tmp/stderr" >"$tmp/stderr.actual"
	if ! diff -u "$EXPECT_STDERR_FILE" "$tmp/stderr.actual" >"$tmp/diff"; then
		problem "stderr differs from $EXPECT_STDERR_FILE (--- expected, +++ actual):"
		cat "$tmp/diff" >&2
	fi
fi
if [ -n "${EXPECT_STDERR_GREP:-}" ] && ! grep -F -e "$EXPECT_STDERR_GREP" "$tmp/stderr" >/dev/null; then
	problem "stderr does not contain '$EXPECT_STDERR_GREP'"
fi
if [ -n "${EXPECT_STDOUT_GREP:-}" ] && ! grep -F -e "$EXPECT_STDOUT_GREP" "$tmp/stdout" >/dev/null; then
	problem "stdout does not contain '$EXPECT_STDOUT_GREP'"
fi
if [ -n "${REPORT_ABSENT_FILE:-}" ] && [ -e "$REPORT_ABSENT_FILE" ]; then
	problem "'$REPORT_ABSENT_FILE' exists after the run; it must not be written"
fi

if [ "$problems" -gt 0 ]; then
	if [ -s "$tmp/stderr" ]; then
		printf -- '--- stderr of the run:\n' >&2
		cat "$tmp/stderr" >&2
	fi
	printf '%s: command: (cd %s && %s' "$me" "$workdir" "$binary" >&2
	for arg in "$@"; do printf " '%s'" "$arg" >&2; done
	printf ')\n' >&2
	exit 1
fi
exit 0
